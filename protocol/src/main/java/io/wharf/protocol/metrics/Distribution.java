package io.wharf.protocol.metrics;

/**
 * Values recorded since the last {@link #drain()}: their count, sum, minimum and maximum — what CloudWatch keeps of a
 * metric's values in a period (a message's size, a call's latency). One consumer drains (the CloudWatch publisher);
 * any number of threads record. A few adds under a monitor per call: cheap enough for the request paths it sits on.
 */
public final class Distribution {
    /** What was recorded between two drains; {@code count > 0}. */
    public record Summary(long count, double sum, double minimum, double maximum) {
    }

    private long count;
    private double sum;
    private double minimum;
    private double maximum;

    public synchronized void record(double value) {
        if (count == 0) {
            minimum = value;
            maximum = value;
        } else {
            minimum = Math.min(minimum, value);
            maximum = Math.max(maximum, value);
        }
        count++;
        sum += value;
    }

    /** What was recorded since the last drain, or null when nothing was; starts afresh. */
    public synchronized Summary drain() {
        if (count == 0) {
            return null;
        }
        Summary summary = new Summary(count, sum, minimum, maximum);
        count = 0;
        sum = 0;
        return summary;
    }
}
