package io.wharf.cloudwatch.engine;

import java.time.Duration;

/**
 * CloudWatch's limits and Wharf's bounds on what it keeps, in one place.
 *
 * <p>AWS's: a PutMetricData call carries at most {@value #MAX_DATA_PER_CALL} data (MetricData plus every
 * EntityMetricData's), a datum at most {@value #MAX_VALUES} distinct Values, a timestamp at most two weeks in the past
 * and two hours in the future, values within ±2^360; GetMetricStatistics answers at most {@value #MAX_DATAPOINTS}
 * datapoints; ListMetrics pages by {@value #LIST_PAGE}.
 *
 * <p>Wharf's: data is kept as per-bucket aggregates (count, sum, minimum, maximum) — one-minute buckets for
 * {@link #MINUTE_RETENTION} and, for high-resolution data ({@code StorageResolution} 1), one-second buckets for
 * {@link #SECOND_RETENTION} — for at most {@value #MAX_METRICS} metrics and {@value #MAX_BUCKETS} buckets in all; a
 * call that would pass either cap is refused ({@code LimitExceededException}) rather than evicting anything.
 */
public final class CloudWatchLimits {
    public static final int MAX_DATA_PER_CALL = 1000;
    public static final int MAX_VALUES = 150;
    public static final Duration MAX_PAST = Duration.ofDays(14);
    public static final Duration MAX_FUTURE = Duration.ofHours(2);
    /** 2^360: values beyond it, either sign, are refused. */
    public static final double MAX_MAGNITUDE = Math.pow(2, 360);
    public static final int MAX_DATAPOINTS = 1440;
    public static final int LIST_PAGE = 500;

    public static final Duration MINUTE_RETENTION = Duration.ofDays(15);
    public static final Duration SECOND_RETENTION = Duration.ofHours(3);
    public static final int MAX_METRICS = 10_000;
    public static final int MAX_BUCKETS = 500_000;

    /** Metric alarms per Wharf (all accounts and regions); PutMetricAlarm past it is LimitExceeded. */
    public static final int MAX_ALARMS = 5_000;
    /** History items kept per alarm (the oldest go first), and for at most {@link #HISTORY_RETENTION}, as AWS's 30 days. */
    public static final int MAX_HISTORY_PER_ALARM = 100;
    public static final Duration HISTORY_RETENTION = Duration.ofDays(30);
    /** DescribeAlarms' and DescribeAlarmHistory's default and largest MaxRecords. */
    public static final int ALARM_PAGE = 50;
    public static final int MAX_ALARM_PAGE = 100;

    private CloudWatchLimits() {
    }
}
