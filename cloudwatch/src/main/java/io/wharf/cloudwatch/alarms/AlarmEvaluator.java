package io.wharf.cloudwatch.alarms;

import java.util.List;

/**
 * AWS's M-out-of-N rule as a pure function: the datapoints of the evaluation range (oldest first, null where a period
 * has no data) and the settings give the new state, or null to keep the current one.
 *
 * <p>TreatMissingData: {@code breaching} counts a missing datapoint as breaching and {@code notBreaching} as not;
 * {@code missing} and {@code ignore} look at the datapoints that exist — ALARM when at least DatapointsToAlarm of them
 * breach or, when fewer than DatapointsToAlarm exist, when every one that exists breaches (then {@code ignore} keeps
 * the state instead); otherwise OK. When none exists, {@code missing} goes to INSUFFICIENT_DATA and {@code ignore}
 * keeps the state. (AWS's table in "Configuring
 * how CloudWatch alarms treat missing data", DatapointsToAlarm 3 of 5: {@code 0 - X - X} → OK, OK, ALARM, OK;
 * {@code - - - - -} → INSUFFICIENT_DATA, kept, ALARM, OK; {@code 0 X X - X} → ALARM in every column;
 * {@code - - X - -} → ALARM, kept, ALARM, OK.)
 */
public final class AlarmEvaluator {
    private AlarmEvaluator() {
    }

    /** The result: the state (null: keep the current one), and how many datapoints breached of how many counted. */
    public record Outcome(String state, int breaching, int present) {
    }

    public static Outcome evaluate(List<Double> datapoints, int datapointsToAlarm, double threshold,
                                   String comparisonOperator, String treatMissingData) {
        int breaching = 0;
        int present = 0;
        for (Double value : datapoints) {
            if (value == null) {
                continue;
            }
            present++;
            if (breaches(value, threshold, comparisonOperator)) {
                breaching++;
            }
        }
        int missing = datapoints.size() - present;
        return switch (treatMissingData) {
            case "breaching" -> new Outcome(breaching + missing >= datapointsToAlarm ? "ALARM" : "OK",
                    breaching + missing, datapoints.size());
            case "notBreaching" -> new Outcome(breaching >= datapointsToAlarm ? "ALARM" : "OK", breaching,
                    datapoints.size());
            default -> {
                if (present == 0) {
                    yield new Outcome(treatMissingData.equals("ignore") ? null : "INSUFFICIENT_DATA", 0, 0);
                }
                boolean alarm = breaching >= Math.min(datapointsToAlarm, present)
                        && (present >= datapointsToAlarm || breaching == present);
                if (alarm && present < datapointsToAlarm && treatMissingData.equals("ignore")) {
                    yield new Outcome(null, breaching, present); // too few to alarm on, nothing says OK
                }
                yield new Outcome(alarm ? "ALARM" : "OK", breaching, present);
            }
        };
    }

    public static boolean breaches(double value, double threshold, String comparisonOperator) {
        return switch (comparisonOperator) {
            case "GreaterThanOrEqualToThreshold" -> value >= threshold;
            case "GreaterThanThreshold" -> value > threshold;
            case "LessThanThreshold" -> value < threshold;
            case "LessThanOrEqualToThreshold" -> value <= threshold;
            default -> throw new IllegalArgumentException("not a static-threshold comparison: " + comparisonOperator);
        };
    }
}
