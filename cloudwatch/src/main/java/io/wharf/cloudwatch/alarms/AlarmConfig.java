package io.wharf.cloudwatch.alarms;

import io.wharf.cloudwatch.engine.Dimension;

import java.util.List;

/**
 * A metric alarm's settings as PutMetricAlarm sets them (one metric; no math, no anomaly bands).
 *
 * @param statistic         null when {@code extendedStatistic} (a percentile) is set
 * @param unit              null for every unit
 * @param treatMissingData  missing, notBreaching, breaching or ignore
 */
public record AlarmConfig(String name, String description, boolean actionsEnabled, List<String> okActions,
                          List<String> alarmActions, List<String> insufficientDataActions, String namespace,
                          String metricName, List<Dimension> dimensions, String statistic, String extendedStatistic,
                          int periodSeconds, String unit, int evaluationPeriods, int datapointsToAlarm,
                          double threshold, String comparisonOperator, String treatMissingData) {
    public AlarmConfig {
        okActions = List.copyOf(okActions);
        alarmActions = List.copyOf(alarmActions);
        insufficientDataActions = List.copyOf(insufficientDataActions);
        dimensions = List.copyOf(dimensions);
    }

    /** The statistic evaluated: Statistic, or the percentile. */
    public String stat() {
        return statistic != null ? statistic : extendedStatistic;
    }

    public List<String> actionsFor(String state) {
        return switch (state) {
            case "ALARM" -> alarmActions;
            case "OK" -> okActions;
            default -> insufficientDataActions;
        };
    }
}
