package io.wharf.cloudwatch.engine;

/** One name/value pair of a metric's identity. */
public record Dimension(String name, String value) {
}
