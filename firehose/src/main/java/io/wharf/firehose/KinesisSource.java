package io.wharf.firehose;

import java.util.List;

/**
 * How Firehose reads a Kinesis data stream it has as source (DeliveryStreamType KinesisStreamAsSource): defined here,
 * implemented by the server over the Kinesis engine in the same process (no HTTP, no KCL). Firehose checkpoints per
 * shard in its own store, with the records it buffered, so a restart resumes after the last buffered record.
 */
public interface KinesisSource {

    /** A shard, open or closed, with its parents (resharding lineage). */
    record Shard(String shardId, String parentShardId, String adjacentParentShardId, boolean closed) {
    }

    /** A record as the source stream holds it. */
    record SourceRecord(String sequenceNumber, long arrivalMillis, byte[] data, String partitionKey) {
    }

    /**
     * The records after a position.
     *
     * @param shardEnded whether the shard is closed and every record of it has been read (its children may start)
     */
    record Page(List<SourceRecord> records, boolean shardEnded) {
    }

    /** Every shard of the stream still within its retention, parents before children. */
    List<Shard> shards(String streamArn) throws SourceFailure;

    /**
     * Up to {@code limit} records after {@code afterSequenceNumber} (null: from the oldest record, TRIM_HORIZON).
     */
    Page read(String streamArn, String shardId, String afterSequenceNumber, int limit) throws SourceFailure;

    /** No Kinesis: every stream is missing. */
    KinesisSource NONE = new KinesisSource() {
        @Override
        public List<Shard> shards(String streamArn) throws SourceFailure {
            throw new SourceFailure("Kinesis is not available");
        }

        @Override
        public Page read(String streamArn, String shardId, String after, int limit) throws SourceFailure {
            throw new SourceFailure("Kinesis is not available");
        }
    };

    /** The source could not be read (stream gone, shard trimmed); retried on the next poll. */
    final class SourceFailure extends Exception {
        public SourceFailure(String message) {
            super(message);
        }
    }
}
