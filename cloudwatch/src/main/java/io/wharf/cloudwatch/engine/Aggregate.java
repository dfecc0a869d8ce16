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
}
