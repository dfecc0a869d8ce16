package io.wharf.kinesis.engine;

import java.util.List;
import java.util.Map;

/** What the engine answers, as plain values the operations turn into output trees. */
public final class Views {
    private Views() {
    }

    /** A shard as DescribeStream and ListShards show it. {@code endingSequenceNumber} is null while open. */
    public record ShardView(String shardId, String parentShardId, String adjacentParentShardId, String startingHashKey,
                            String endingHashKey, String startingSequenceNumber, String endingSequenceNumber) {
    }

    /** A child shard as GetRecords shows it at the end of a closed shard. */
    public record ChildShardView(String shardId, List<String> parentShards, String startingHashKey,
                                 String endingHashKey) {
    }

    /** A stream with everything DescribeStream, DescribeStreamSummary and ListStreams show. */
    public record StreamView(String name, String arn, String status, String mode, int retentionHours,
                             long createdMillis, String encryptionType, String keyId, List<String> metrics,
                             List<ShardView> shards, boolean hasMoreShards, int openShardCount, int consumerCount,
                             int maxRecordKiB, Integer warmThroughputMiBps) {
    }

    /** One page of ListShards. {@code nextToken} is null on the last page. */
    public record ShardPage(List<ShardView> shards, String nextToken) {
    }

    /** One page of ListStreams. */
    public record StreamPage(List<StreamView> streams, boolean hasMore, String nextToken) {
    }

    /** One page of ListStreamConsumers. */
    public record ConsumerPage(List<ConsumerView> consumers, String nextToken) {
    }

    /** Tags in key order, and whether more follow (ListTagsForStream). */
    public record TagPage(Map<String, String> tags, boolean hasMore) {
    }

    /** One entry of a PutRecords request. {@code explicitHashKey} may be null. */
    public record PutEntry(byte[] data, String partitionKey, String explicitHashKey) {
    }

    /**
     * The outcome of one record put: {@code sequenceNumber} and {@code shardId}, or {@code errorCode} and
     * {@code errorMessage} for a failed PutRecords entry.
     */
    public record PutResult(String shardId, String sequenceNumber, String errorCode, String errorMessage) {
    }

    /**
     * PutRecord(s) answers, with the stream's encryption at the time of the write and the bytes (data and partition
     * keys) of the entries written.
     */
    public record PutOutcome(List<PutResult> results, int failed, boolean encrypted, long bytes) {
    }

    /** A record as GetRecords returns it. */
    public record RecordView(String sequenceNumber, long arrivalMillis, byte[] data, String partitionKey,
                             boolean encrypted) {
    }

    /** A GetRecords answer: {@code nextShardIterator} is null exactly at the end of a closed shard. */
    public record RecordsPage(List<RecordView> records, String nextShardIterator, long millisBehindLatest,
                              List<ChildShardView> childShards) {
    }

    /** Enable/DisableEnhancedMonitoring's answer. */
    public record MonitoringChange(String streamName, String streamArn, List<String> current, List<String> desired) {
    }

    /** DescribeLimits. */
    public record Limits(int shardLimit, int openShardCount, int onDemandStreamCount, int onDemandStreamCountLimit) {
    }
}
