package io.wharf.console.view;

/** One alarm in the list: {@code metric} reads {@code Namespace MetricName (Statistic, period)}. */
public record AlarmRow(String name, String link, String state, String reason, String metric, String threshold) {
}
