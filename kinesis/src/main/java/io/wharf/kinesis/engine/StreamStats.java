package io.wharf.kinesis.engine;

/**
 * One stream's numbers for metrics (read-only; counters in memory only, from zero at each start).
 *
 * @param incomingRecords   records accepted by PutRecord/PutRecords
 * @param incomingBytes     their data and partition keys
 * @param outgoingRecords   records read by GetRecords and SubscribeToShard
 * @param outgoingBytes     their data
 * @param iteratorAgeMillis the largest MillisBehindLatest of the last read of each current shard (0: caught up or
 *                          never read)
 * @param subscriptions     SubscribeToShard subscriptions running now
 * @param openShards        the open shards
 */
public record StreamStats(StreamRef ref, long incomingRecords, long incomingBytes, long outgoingRecords,
                          long outgoingBytes, long iteratorAgeMillis, int subscriptions, int openShards) {
}
