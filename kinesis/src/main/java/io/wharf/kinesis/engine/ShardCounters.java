package io.wharf.kinesis.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * One shard's running totals for the shard-level metrics (Prometheus, and {@code AWS/Kinesis} with enhanced
 * monitoring), in memory only: records and bytes put (data and partition key) and read (data), records refused for
 * write throughput and reads refused for read throughput.
 */
final class ShardCounters {
    final LongAdder incomingRecords = new LongAdder();
    final LongAdder incomingBytes = new LongAdder();
    final LongAdder outgoingRecords = new LongAdder();
    final LongAdder outgoingBytes = new LongAdder();
    final LongAdder writeThrottled = new LongAdder();
    final LongAdder readThrottled = new LongAdder();
    /** MillisBehindLatest of each read since the CloudWatch publisher last drained it. */
    final io.wharf.protocol.metrics.Distribution iteratorAgeMillis = new io.wharf.protocol.metrics.Distribution();
}
