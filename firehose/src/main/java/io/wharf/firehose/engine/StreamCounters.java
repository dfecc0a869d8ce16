package io.wharf.firehose.engine;

import java.util.concurrent.atomic.AtomicLong;

/** What a stream has taken in and delivered since the process started (issue 15 publishes these). */
public final class StreamCounters {
    final AtomicLong recordsIn = new AtomicLong();
    final AtomicLong bytesIn = new AtomicLong();
    final AtomicLong objectsDelivered = new AtomicLong();
    final AtomicLong recordsDelivered = new AtomicLong();
    final AtomicLong deliveryFailures = new AtomicLong();
    /** The records' data bytes in the objects delivered (AWS/Firehose DeliveryToS3.Bytes). */
    final AtomicLong bytesDelivered = new AtomicLong();

    /**
     * One stream's running totals for the AWS/Firehose metrics, and the arrival of the oldest record not yet
     * delivered (-1 when none).
     */
    public record Totals(String name, String account, String region, String destinationMember, long recordsIn,
                         long bytesIn, long objectsDelivered, long recordsDelivered, long bytesDelivered,
                         long deliveryFailures, long oldestUndeliveredMillis) {
    }

    /** A snapshot of the counters. */
    public record Snapshot(long recordsIn, long bytesIn, long objectsDelivered, long recordsDelivered,
                           long deliveryFailures, long recordsBuffered, long bytesBuffered) {
    }
}
