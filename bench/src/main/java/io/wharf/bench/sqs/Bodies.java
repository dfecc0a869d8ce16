package io.wharf.bench.sqs;

/**
 * Message bodies of a fixed size that carry the moment they were (meant to be) sent, as
 * {@code System.nanoTime()} of this process: producers and consumers live in the same JVM, so the
 * receiver can subtract. Layout: {@code t=<nanos>;} then padding up to the size.
 */
final class Bodies {
    /** What {@link #stampOf} answers for a body without a stamp (nanoTime itself may be negative). */
    static final long NO_STAMP = Long.MIN_VALUE;
    private static final String PREFIX = "t=";
    private final String padding;

    Bodies(int bodyBytes) {
        padding = "x".repeat(bodyBytes);
    }

    String stamped(long nanos) {
        String stamp = PREFIX + nanos + ";";
        return stamp + padding.substring(stamp.length());
    }

    /** The stamp of a body made by {@link #stamped}, or {@link #NO_STAMP} for any other body. */
    static long stampOf(String body) {
        int end = body.indexOf(';');
        if (!body.startsWith(PREFIX) || end < 0) {
            return NO_STAMP;
        }
        try {
            return Long.parseLong(body, PREFIX.length(), end, 10);
        } catch (NumberFormatException e) {
            return NO_STAMP;
        }
    }
}
