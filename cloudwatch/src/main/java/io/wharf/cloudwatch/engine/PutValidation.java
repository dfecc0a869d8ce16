package io.wharf.cloudwatch.engine;

import io.wharf.cloudwatch.CloudWatchErrors;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PutMetricData's rules beyond the model, with AWS's texts where they were seen (LocalStack's recorded AWS answers for
 * the mutually exclusive members and the Values/Counts sizes; AWS's answers quoted in public issues for the two-week
 * timestamp rule). Paths name the datum as the Query protocol does ({@code MetricData.member.1.Value}) whatever
 * protocol the call came in, as AWS does.
 */
final class PutValidation {
    private PutValidation() {
    }

    static void check(String namespace, List<Datum> data, long nowMillis) {
        if (namespace.startsWith("AWS/")) {
            throw CloudWatchErrors.invalidValue("Namespace", namespace);
        }
        if (data.size() > CloudWatchLimits.MAX_DATA_PER_CALL) {
            throw CloudWatchErrors.tooMany("MetricData", CloudWatchLimits.MAX_DATA_PER_CALL);
        }
        List<String> timestampProblems = new ArrayList<>();
        for (Datum datum : data) {
            datum(datum);
            timestamp(datum, nowMillis, timestampProblems);
        }
        if (!timestampProblems.isEmpty()) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.error(String.join("\n", timestampProblems));
        }
    }

    private static void datum(Datum d) {
        String p = d.path();
        boolean hasValues = !d.values().isEmpty();
        if (d.value() != null && hasValues) {
            throw CloudWatchErrors.exclusive(p + ".Value", p + ".Values");
        }
        if (d.value() != null && d.statisticValues() != null) {
            throw CloudWatchErrors.exclusive(p + ".Value", p + ".StatisticValues");
        }
        if (hasValues && d.statisticValues() != null) {
            throw CloudWatchErrors.exclusive(p + ".Values", p + ".StatisticValues");
        }
        if (!d.counts().isEmpty() && d.counts().size() != d.values().size()) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.error("The parameters " + p + ".Values and " + p
                    + ".Counts must be of the same size.");
        }
        if (d.values().size() > CloudWatchLimits.MAX_VALUES) {
            throw CloudWatchErrors.tooMany(p + ".Values", CloudWatchLimits.MAX_VALUES);
        }
        if (d.value() == null && !hasValues && d.statisticValues() == null) {
            throw CloudWatchErrors.MISSING_PARAMETER.error("At least one of the parameters " + p + ".Value, " + p
                    + ".Values or " + p + ".StatisticValues must be specified.");
        }
        value(p + ".Value", d.value());
        for (Double v : d.values()) {
            value(p + ".Values", v);
        }
        for (Double c : d.counts()) {
            if (c == null || !Double.isFinite(c) || c < 0 || c > CloudWatchLimits.MAX_MAGNITUDE) {
                throw CloudWatchErrors.invalidValue(p + ".Counts", c);
            }
        }
        Aggregate s = d.statisticValues();
        if (s != null) {
            value(p + ".StatisticValues.SampleCount", s.sampleCount());
            value(p + ".StatisticValues.Sum", s.sum());
            value(p + ".StatisticValues.Minimum", s.minimum());
            value(p + ".StatisticValues.Maximum", s.maximum());
            if (s.sampleCount() <= 0) {
                throw CloudWatchErrors.invalidValue(p + ".StatisticValues.SampleCount", s.sampleCount());
            }
            if (s.minimum() > s.maximum()) {
                throw CloudWatchErrors.INVALID_PARAMETER_VALUE.error("The parameter " + p
                        + ".StatisticValues.Maximum must be greater than " + p + ".StatisticValues.Minimum.");
            }
        }
        Integer resolution = d.storageResolution();
        if (resolution != null && resolution != 1 && resolution != 60) {
            throw CloudWatchErrors.invalidValue(p + ".StorageResolution", resolution);
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < d.dimensions().size(); i++) {
            Dimension dimension = d.dimensions().get(i);
            if (!names.add(dimension.name())) {
                throw CloudWatchErrors.invalidValue(p + ".Dimensions.member." + (i + 1) + ".Name", dimension.name());
            }
        }
    }

    private static void value(String parameter, Double value) {
        if (value != null && (!Double.isFinite(value) || Math.abs(value) > CloudWatchLimits.MAX_MAGNITUDE)) {
            throw CloudWatchErrors.invalidValue(parameter, value);
        }
    }

    private static void timestamp(Datum d, long nowMillis, List<String> problems) {
        Long t = d.timestampMillis();
        if (t == null) {
            return;
        }
        if (t < nowMillis - CloudWatchLimits.MAX_PAST.toMillis()) {
            problems.add("The parameter " + d.path() + ".Timestamp must specify a time within the past two weeks.");
        } else if (t > nowMillis + CloudWatchLimits.MAX_FUTURE.toMillis()) {
            problems.add("The parameter " + d.path()
                    + ".Timestamp must specify a time no more than two hours in the future.");
        }
    }

    /** GetMetricStatistics' own rules. */
    static void statistics(long startMillis, long endMillis, int periodSeconds, boolean statistics,
                           List<String> extendedStatistics) {
        if (statistics && !extendedStatistics.isEmpty()) {
            throw CloudWatchErrors.exclusive("Statistics", "ExtendedStatistics");
        }
        if (!statistics && extendedStatistics.isEmpty()) {
            throw CloudWatchErrors.MISSING_PARAMETER.error(
                    "Must specify either the parameter Statistics or the parameter ExtendedStatistics.");
        }
        for (String percentile : extendedStatistics) {
            if (!percentile.matches("p(100(\\.0+)?|\\d{1,2}(\\.\\d+)?)")) {
                throw CloudWatchErrors.INVALID_PARAMETER_VALUE.error("The value " + percentile
                        + " for parameter ExtendedStatistics is not supported.");
            }
        }
        if (periodSeconds % 60 != 0 && !Set.of(1, 5, 10, 20, 30).contains(periodSeconds)) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.error("The parameter Period must be a multiple of 60.");
        }
        if (startMillis >= endMillis) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.error(
                    "The parameter StartTime must be less than the parameter EndTime.");
        }
        long periodMillis = periodSeconds * 1000L;
        long requested = (endMillis - startMillis + periodMillis - 1) / periodMillis;
        if (requested > CloudWatchLimits.MAX_DATAPOINTS) {
            throw CloudWatchErrors.INVALID_PARAMETER_COMBINATION.error("You have requested up to " + requested
                    + " datapoints, which exceeds the limit of " + CloudWatchLimits.MAX_DATAPOINTS
                    + ". You may reduce the datapoints requested by increasing Period, or decreasing the time range.");
        }
    }

}
