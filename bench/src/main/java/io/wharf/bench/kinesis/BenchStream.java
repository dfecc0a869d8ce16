package io.wharf.bench.kinesis;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A fresh provisioned stream for one run, ACTIVE before the load starts, deleted afterwards so runs
 * don't read each other's records. Every shard is open and the stream is never resharded during a run.
 */
final class BenchStream implements AutoCloseable {
    /** Streams start CREATING; Wharf and kinesalite both make them ACTIVE after ~0.5 s by default. */
    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(60);
    private static final long STATUS_POLL_MILLIS = 100;

    private final KinesisAsyncClient kinesis;
    private final String name;
    private final String arn;
    private final List<String> shardIds;

    private BenchStream(KinesisAsyncClient kinesis, String name, String arn, List<String> shardIds) {
        this.kinesis = kinesis;
        this.name = name;
        this.arn = arn;
        this.shardIds = shardIds;
    }

    static BenchStream create(KinesisAsyncClient kinesis, String scenario, int shards) throws InterruptedException {
        return create(kinesis, scenario, shards, null);
    }

    /** A fresh ACTIVE stream, encrypted with {@code keyId} (StartStreamEncryption) unless it is null. */
    static BenchStream create(KinesisAsyncClient kinesis, String scenario, int shards, String keyId)
            throws InterruptedException {
        String name = "wharf-bench-" + scenario + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        kinesis.createStream(b -> b.streamName(name).shardCount(shards)).join();
        StreamDescriptionSummary summary = awaitActive(kinesis, name);
        if (keyId != null) {
            kinesis.startStreamEncryption(b -> b.streamName(name)
                    .encryptionType(software.amazon.awssdk.services.kinesis.model.EncryptionType.KMS).keyId(keyId))
                    .join();
            summary = awaitActive(kinesis, name);
        }
        // at most 64 shards: one page of ListShards (kinesalite has no NextToken)
        List<String> shardIds = kinesis.listShards(b -> b.streamName(name)).join().shards().stream()
                .map(Shard::shardId).toList();
        if (shardIds.size() != shards) {
            throw new IllegalStateException("stream " + name + " has " + shardIds.size() + " shards, asked for " + shards);
        }
        return new BenchStream(kinesis, name, summary.streamARN(), shardIds);
    }

    private static StreamDescriptionSummary awaitActive(KinesisAsyncClient kinesis, String name)
            throws InterruptedException {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        StreamDescriptionSummary summary;
        while ((summary = kinesis.describeStreamSummary(b -> b.streamName(name)).join().streamDescriptionSummary())
                .streamStatus() != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stream " + name + " still " + summary.streamStatusAsString()
                        + " after " + ACTIVE_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(STATUS_POLL_MILLIS);
        }
        return summary;
    }

    String name() {
        return name;
    }

    String arn() {
        return arn;
    }

    List<String> shardIds() {
        return shardIds;
    }

    /** An iterator at the start of a shard (the stream is fresh, so that is "everything put in this run"). */
    String firstIterator(String shardId) {
        return kinesis.getShardIterator(b -> b.streamName(name).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).join().shardIterator();
    }

    /** An iterator just after {@code sequenceNumber}, to go on after an expired or failed iterator. */
    String iteratorAfter(String shardId, String sequenceNumber) {
        return kinesis.getShardIterator(b -> b.streamName(name).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                .startingSequenceNumber(sequenceNumber)).join().shardIterator();
    }

    /** Best effort: a run's result doesn't depend on the clean-up. */
    @Override
    public void close() {
        try {
            kinesis.deleteStream(b -> b.streamName(name).enforceConsumerDeletion(true)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("wharf-bench: could not delete stream " + name + ": " + e);
        }
    }
}
