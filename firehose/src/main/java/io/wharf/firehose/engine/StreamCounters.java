package io.wharf.firehose.engine;

import java.util.concurrent.atomic.AtomicLong;

/** What a stream has taken in and delivered since the process started (issue 15 publishes these). */
public final class StreamCounters {
    final AtomicLong recordsIn = new AtomicLong();
    final AtomicLong bytesIn = new AtomicLong();
    final AtomicLong objectsDelivered = new AtomicLong();
    final AtomicLong recordsDelivered = new AtomicLong();
    final AtomicLong deliveryFailures = new AtomicLong();

    /** A snapshot of the counters. */
    public record Snapshot(long recordsIn, long bytesIn, long objectsDelivered, long recordsDelivered,
                           long deliveryFailures, long recordsBuffered, long bytesBuffered) {
    }
}
