package io.wharf.cloudwatch.engine;

/** What CloudWatch keeps of the values in one time bucket: their count, sum, minimum and maximum. */
public record Aggregate(double sampleCount, double sum, double minimum, double maximum) {
    public static Aggregate of(double value, double count) {
        return new Aggregate(count, value * count, value, value);
    }

    public Aggregate plus(Aggregate other) {
        return new Aggregate(sampleCount + other.sampleCount, sum + other.sum, Math.min(minimum, other.minimum),
                Math.max(maximum, other.maximum));
    }

    public double average() {
        return sampleCount == 0 ? 0 : sum / sampleCount;
    }

    /**
     * One statistic of this aggregate, or null where the aggregate cannot give it. Percentiles ({@code p50},
     * {@code p99.9}) are known only where the kept aggregate pins them down: when every value was the same (minimum =
     * maximum, e.g. a single sample), for {@code p0} (the minimum) and {@code p100} (the maximum). Wharf keeps count,
     * sum, minimum and maximum, not the values, so any other percentile is unknown — as AWS answers no percentile for
     * data sent as statistic sets.
     */
    public Double statistic(String stat) {
        return switch (stat) {
            case "SampleCount" -> sampleCount;
            case "Sum" -> sum;
            case "Average" -> average();
            case "Minimum" -> minimum;
            case "Maximum" -> maximum;
            default -> percentile(stat);
        };
    }

    private Double percentile(String stat) {
        Double p = percentileOf(stat);
        if (p == null) {
            return null;
        }
        if (minimum == maximum || p == 0) {
            return minimum;
        }
        return p == 100 ? maximum : null;
    }

    /** The number of a percentile statistic ({@code p90} → 90), or null if {@code stat} is none. */
    public static Double percentileOf(String stat) {
        if (!stat.matches("p(100(\\.0+)?|\\d{1,2}(\\.\\d+)?)")) {
            return null;
        }
        return Double.parseDouble(stat.substring(1));
    }

    /** Whether {@code stat} is one Wharf answers: the five statistics or a percentile. */
    public static boolean known(String stat) {
        return switch (stat) {
            case "SampleCount", "Sum", "Average", "Minimum", "Maximum" -> true;
            default -> percentileOf(stat) != null;
        };
    }
}
