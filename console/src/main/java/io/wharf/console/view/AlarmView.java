package io.wharf.console.view;

import java.util.List;
import java.util.Map;

/**
 * One alarm's page: its facts and its most recent history (newest first); {@code historyError} is set when
 * DescribeAlarmHistory is not allowed.
 */
public record AlarmView(String name, String arn, String state, String reason, Map<String, String> facts,
                        List<HistoryRow> history, String historyError) {
    public static final int MAX_HISTORY = 50;
}
