package io.wharf.kinesis.engine;

/**
 * One open shard's numbers for the Prometheus per-shard series (read-only; running totals in memory only, from zero at
 * each start).
 *
 * @param incomingRecords   records put into the shard
 * @param incomingBytes     their data and partition keys
 * @param outgoingRecords   records read from it (GetRecords and SubscribeToShard)
 * @param outgoingBytes     their data
 * @param iteratorAgeMillis MillisBehindLatest of the shard's last read (0: caught up or never read)
 */
public record ShardStats(StreamRef ref, String shardId, long incomingRecords, long incomingBytes,
                         long outgoingRecords, long outgoingBytes, long iteratorAgeMillis) {
}
