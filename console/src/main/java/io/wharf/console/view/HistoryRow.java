package io.wharf.console.view;

/** One entry of an alarm's history, as DescribeAlarmHistory lists it. */
public record HistoryRow(String time, String type, String summary) {
}
