package io.wharf.kinesis.engine;

import io.wharf.protocol.metrics.Distribution;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One stream's numbers for the {@code AWS/Kinesis} metrics, read by {@link KinesisEngine#drainStreamCounters()}.
 *
 * @param perCall          per-API values since the last read, by AWS's metric name ({@code PutRecord.Bytes},
 *                         {@code GetRecords.Latency}, {@code PutRecords.FailedRecords}…), one value per call; only
 *                         those with at least one call
 * @param incomingRecords  running total of records put (stream level)
 * @param incomingBytes    running total of bytes put
 * @param shards           the shards still readable (open, or closed and within the retention)
 * @param enhancedMetrics  the shard-level metrics EnableEnhancedMonitoring turned on
 */
public record StreamCounters(StreamRef ref, Map<String, Distribution.Summary> perCall, long incomingRecords,
                             long incomingBytes, List<ShardTotals> shards, Set<String> enhancedMetrics) {
    /**
     * One shard's running totals (records and bytes put and read, writes and reads refused for throughput), the
     * MillisBehindLatest of its reads since the last read (null when none), and its last read's.
     */
    public record ShardTotals(String shardId, boolean open, long incomingRecords, long incomingBytes,
                              long outgoingRecords, long outgoingBytes, long writeThrottled, long readThrottled,
                              Distribution.Summary iteratorAgeMillis, long lastIteratorAgeMillis) {
    }
}
