package io.wharf.storage;

/** A named, separately ordered part of a {@link Store}. Obtain from {@link Store#keySpace(String)}. */
public record KeySpace(String name) {
}
