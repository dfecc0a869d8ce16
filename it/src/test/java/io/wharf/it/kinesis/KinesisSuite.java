package io.wharf.it.kinesis;

import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentInputStatus;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Every Kinesis operation through the AWS SDK for Java v2's sync client, success paths and errors. Run
 * twice: over CBOR (the SDK's default for Kinesis, {@link KinesisCborIT}) and over AWS JSON 1.1
 * ({@link KinesisJsonIT}), so both encodings of blobs, timestamps and errors meet the real unmarshallers.
 */
abstract class KinesisSuite {
    static final long TRANSITION_MILLIS = 100;

    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder()
            .configure(c -> c.kinesisTransitionMillis(TRANSITION_MILLIS)).build();

    private static KinesisClient client;

    /** Content types the client under test sent, so each suite proves which encoding it exercised. */
    static final java.util.Set<String> SENT_CONTENT_TYPES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The client under test, built once per class, with {@link #recordContentTypes} added. */
    abstract KinesisClient newClient();

    /** The content type every request of this suite must carry. */
    abstract String contentType();

    static KinesisClient build(software.amazon.awssdk.services.kinesis.KinesisClientBuilder builder) {
        return builder.overrideConfiguration(o -> o.retryStrategy(
                software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(
                new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission
                                                           context,
                                                   software.amazon.awssdk.core.interceptor.ExecutionAttributes a) {
                        context.httpRequest().firstMatchingHeader("Content-Type").ifPresent(SENT_CONTENT_TYPES::add);
                    }
                })).build();
    }

    @Test
    void speaksItsEncoding() {
        kinesis().listStreams(r -> { });
        assertThat(SENT_CONTENT_TYPES).containsOnly(contentType());
    }

    KinesisClient kinesis() {
        if (client == null) {
            client = newClient();
        }
        return client;
    }

    @AfterAll
    static void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
        SENT_CONTENT_TYPES.clear();
    }

    static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String activeStream(String prefix, int shards) {
        String name = name(prefix);
        kinesis().createStream(r -> r.streamName(name).shardCount(shards));
        awaitActive(name);
        return name;
    }

    StreamDescriptionSummary awaitActive(String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            StreamDescriptionSummary s = kinesis().describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary();
            if (s.streamStatus() == StreamStatus.ACTIVE) {
                return s;
            }
            assertThat(System.nanoTime()).as("stream %s becomes ACTIVE", name).isLessThan(deadline);
            sleep(TRANSITION_MILLIS / 2);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static SdkBytes bytes(String text) {
        return SdkBytes.fromString(text, StandardCharsets.UTF_8);
    }

    String iterator(String stream, String shardId, ShardIteratorType type) {
        return kinesis().getShardIterator(r -> r.streamName(stream).shardId(shardId).shardIteratorType(type))
                .shardIterator();
    }

    List<Record> readAll(String iterator) {
        List<Record> records = new ArrayList<>();
        String next = iterator;
        while (next != null) {
            String current = next;
            GetRecordsResponse page = kinesis().getRecords(r -> r.shardIterator(current));
            records.addAll(page.records());
            if (page.records().isEmpty()) {
                break;
            }
            next = page.nextShardIterator();
        }
        return records;
    }

    // ---------------------------------------------------------------- lifecycle

    @Test
    void streamLifecycle() {
        String name = name("life");
        Instant before = Instant.now().minusSeconds(1);
        kinesis().createStream(r -> r.streamName(name).shardCount(3));
        assertThat(kinesis().describeStream(r -> r.streamName(name)).streamDescription().streamStatus())
                .isEqualTo(StreamStatus.CREATING);
        StreamDescriptionSummary summary = awaitActive(name);
        assertThat(summary.openShardCount()).isEqualTo(3);
        assertThat(summary.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/" + name);
        assertThat(summary.streamCreationTimestamp()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
        assertThat(summary.retentionPeriodHours()).isEqualTo(24);

        List<Shard> shards = kinesis().describeStream(r -> r.streamName(name)).streamDescription().shards();
        assertThat(shards).extracting(Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        assertThat(shards.get(1).hashKeyRange().startingHashKey()).isEqualTo("113427455640312821154458202477256070485");
        assertThat(shards.get(0).sequenceNumberRange().startingSequenceNumber()).hasSize(56);

        assertThat(kinesis().listStreams(r -> r.limit(10_000)).streamSummaries())
                .anySatisfy(s -> {
                    assertThat(s.streamName()).isEqualTo(name);
                    assertThat(s.streamCreationTimestamp()).isEqualTo(summary.streamCreationTimestamp());
                });
        assertThatThrownBy(() -> kinesis().createStream(r -> r.streamName(name).shardCount(1)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Stream " + name + " under account 000000000000 already exists.");

        kinesis().deleteStream(r -> r.streamARN(summary.streamARN()));
        assertThat(kinesis().describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamStatus())
                .isEqualTo(StreamStatus.DELETING);
        sleep(TRANSITION_MILLIS * 3);
        assertThatThrownBy(() -> kinesis().describeStream(r -> r.streamName(name)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Stream " + name + " under account 000000000000 not found.");
    }

    @Test
    void onDemandStreamsAndModeChanges() {
        String name = name("od");
        kinesis().createStream(r -> r.streamName(name));
        StreamDescriptionSummary summary = awaitActive(name);
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(summary.openShardCount()).isEqualTo(4);
        var warm = kinesis().updateStreamWarmThroughput(r -> r.streamName(name).warmThroughputMiBps(50));
        assertThat(warm.warmThroughput().targetMiBps()).isEqualTo(50);
        kinesis().updateStreamMode(r -> r.streamARN(summary.streamARN())
                .streamModeDetails(d -> d.streamMode(StreamMode.PROVISIONED)));
        assertThat(awaitActive(name).streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
        kinesis().updateMaxRecordSize(r -> r.streamARN(summary.streamARN()).maxRecordSizeInKiB(2048));
        assertThat(awaitActive(name).maxRecordSizeInKiB()).isEqualTo(2048);
    }

    // ---------------------------------------------------------------- records

    @Test
    void putAndGetRecords() {
        String stream = activeStream("rec", 1);
        Instant before = Instant.now().minusSeconds(1);
        var first = kinesis().putRecord(r -> r.streamName(stream).partitionKey("pk").data(bytes("one")));
        assertThat(first.shardId()).isEqualTo("shardId-000000000000");
        assertThat(first.sequenceNumber()).hasSize(56);
        PutRecordsResponse batch = kinesis().putRecords(r -> r.streamName(stream).records(
                PutRecordsRequestEntry.builder().partitionKey("a").data(bytes("two")).build(),
                PutRecordsRequestEntry.builder().partitionKey("b").data(SdkBytes.fromByteArray(new byte[]{0, -1, 7}))
                        .build()));
        assertThat(batch.failedRecordCount()).isZero();
        assertThat(batch.records()).hasSize(2).allSatisfy(e -> assertThat(e.errorCode()).isNull());

        GetRecordsResponse page = kinesis().getRecords(r -> r.shardIterator(
                iterator(stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON)).limit(2));
        assertThat(page.records()).extracting(rec -> rec.data().asUtf8String()).containsExactly("one", "two");
        assertThat(page.records().get(0).sequenceNumber()).isEqualTo(first.sequenceNumber());
        assertThat(page.records().get(0).partitionKey()).isEqualTo("pk");
        assertThat(page.records().get(0).approximateArrivalTimestamp()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(page.millisBehindLatest()).isNotNull();
        GetRecordsResponse rest = kinesis().getRecords(r -> r.shardIterator(page.nextShardIterator()));
        assertThat(rest.records()).hasSize(1);
        assertThat(rest.records().get(0).data().asByteArray()).containsExactly(0, -1, 7);
        assertThat(rest.millisBehindLatest()).isZero();
        assertThat(rest.nextShardIterator()).isNotNull();
        assertThat(new BigInteger(rest.records().get(0).sequenceNumber()))
                .isGreaterThan(new BigInteger(page.records().get(1).sequenceNumber()));
    }

    @Test
    void everyIteratorType() {
        String stream = activeStream("iter", 1);
        String shard = "shardId-000000000000";
        String a = kinesis().putRecord(r -> r.streamName(stream).partitionKey("k").data(bytes("a"))).sequenceNumber();
        sleep(1100);
        Instant between = Instant.now();
        sleep(50);
        kinesis().putRecord(r -> r.streamName(stream).partitionKey("k").data(bytes("b")));
        String latest = iterator(stream, shard, ShardIteratorType.LATEST);
        kinesis().putRecord(r -> r.streamName(stream).partitionKey("k").data(bytes("c")));

        assertThat(readAll(latest)).extracting(rec -> rec.data().asUtf8String()).containsExactly("c");
        assertThat(readAll(kinesis().getShardIterator(r -> r.streamName(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(a)).shardIterator()))
                .extracting(rec -> rec.data().asUtf8String()).containsExactly("a", "b", "c");
        assertThat(readAll(kinesis().getShardIterator(r -> r.streamName(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(a)).shardIterator()))
                .extracting(rec -> rec.data().asUtf8String()).containsExactly("b", "c");
        // the timestamp travels as epoch seconds in JSON and tagged epoch milliseconds in CBOR
        assertThat(readAll(kinesis().getShardIterator(r -> r.streamName(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(between)).shardIterator()))
                .extracting(rec -> rec.data().asUtf8String()).containsExactly("b", "c");
        assertThatThrownBy(() -> kinesis().getShardIterator(r -> r.streamName(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(Instant.now().plusSeconds(60))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("The timestampInMillis parameter cannot be greater than the currentTimestampInMillis.");
        assertThatThrownBy(() -> kinesis().getShardIterator(r -> r.streamName(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber.");
        assertThatThrownBy(() -> kinesis().getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000007")
                .shardIteratorType(ShardIteratorType.LATEST))).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Shard shardId-000000000007 in stream " + stream
                        + " under account 000000000000 does not exist");
        assertThatThrownBy(() -> kinesis().getRecords(r -> r.shardIterator("AAAAAAAAAAEnotaniterator=")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("Invalid ShardIterator.");
    }

    @Test
    void hashKeyRoutingAndValidation() {
        String stream = activeStream("route", 2);
        var high = kinesis().putRecord(r -> r.streamName(stream).partitionKey("x").data(bytes("h"))
                .explicitHashKey(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE).toString()));
        assertThat(high.shardId()).isEqualTo("shardId-000000000001");
        assertThatThrownBy(() -> kinesis().putRecord(r -> r.streamName(stream).partitionKey("x").data(bytes("h"))
                .explicitHashKey(BigInteger.ONE.shiftLeft(128).toString())))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("Invalid ExplicitHashKey.");
        assertThatThrownBy(() -> kinesis().putRecord(r -> r.streamName(stream).partitionKey("x")
                .data(SdkBytes.fromByteArray(new byte[1024 * 1024 + 1]))))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 "
                        + "cap=1048577]' at 'data' failed to satisfy constraint: Member must have length less than or "
                        + "equal to");
        assertThatThrownBy(() -> kinesis().createStream(r -> r.streamName("no spaces").shardCount(1)))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("1 validation error detected: Value 'no spaces' at 'streamName' failed to "
                        + "satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        assertThatThrownBy(() -> kinesis().putRecord(r -> r.streamName("absent").partitionKey("x").data(bytes("h"))))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Stream absent under account 000000000000 not found.");
        KinesisException e = (KinesisException) org.assertj.core.api.Assertions.catchThrowable(
                () -> kinesis().describeStream(r -> r.streamName("absent")));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
    }

    // ---------------------------------------------------------------- resharding

    @Test
    void splitMergeAndChildShardsAtTheEndOfAClosedShard() {
        String stream = activeStream("reshard", 1);
        String parent = "shardId-000000000000";
        kinesis().putRecord(r -> r.streamName(stream).partitionKey("k").data(bytes("before")));
        String half = BigInteger.ONE.shiftLeft(127).toString();
        kinesis().splitShard(r -> r.streamName(stream).shardToSplit(parent).newStartingHashKey(half));
        awaitActive(stream);

        GetRecordsResponse end = kinesis().getRecords(r -> r.shardIterator(
                iterator(stream, parent, ShardIteratorType.TRIM_HORIZON)));
        assertThat(end.records()).extracting(rec -> rec.data().asUtf8String()).containsExactly("before");
        assertThat(end.nextShardIterator()).isNull();
        assertThat(end.childShards()).extracting(ChildShard::shardId)
                .containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(end.childShards().get(0).parentShards()).containsExactly(parent);

        ListShardsResponse open = kinesis().listShards(r -> r.streamName(stream)
                .shardFilter(f -> f.type(ShardFilterType.AT_LATEST)));
        assertThat(open.shards()).extracting(Shard::shardId).containsExactly("shardId-000000000001", "shardId-000000000002");
        ListShardsResponse all = kinesis().listShards(r -> r.streamName(stream).maxResults(2));
        assertThat(all.shards()).hasSize(2);
        assertThat(all.shards().get(0).sequenceNumberRange().endingSequenceNumber()).hasSize(56);
        assertThat(kinesis().listShards(r -> r.nextToken(all.nextToken())).shards()).extracting(Shard::shardId)
                .containsExactly("shardId-000000000002");
        assertThatThrownBy(() -> kinesis().listShards(r -> r.streamName(stream).nextToken(all.nextToken())))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("NextToken and StreamName cannot be provided together.");

        kinesis().mergeShards(r -> r.streamName(stream).shardToMerge("shardId-000000000001")
                .adjacentShardToMerge("shardId-000000000002"));
        awaitActive(stream);
        Shard merged = kinesis().listShards(r -> r.streamName(stream)
                .shardFilter(f -> f.type(ShardFilterType.AT_LATEST))).shards().get(0);
        assertThat(merged.parentShardId()).isEqualTo("shardId-000000000001");
        assertThat(merged.adjacentParentShardId()).isEqualTo("shardId-000000000002");

        var update = kinesis().updateShardCount(r -> r.streamName(stream).targetShardCount(2)
                .scalingType(ScalingType.UNIFORM_SCALING));
        assertThat(update.currentShardCount()).isEqualTo(1);
        assertThat(update.targetShardCount()).isEqualTo(2);
        assertThat(awaitActive(stream).openShardCount()).isEqualTo(2);
        assertThatThrownBy(() -> kinesis().splitShard(r -> r.streamName(stream).shardToSplit(parent)
                .newStartingHashKey(half))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("has already been merged or split");
    }

    // ---------------------------------------------------------------- settings, tags, consumers, account

    @Test
    void retentionEncryptionMonitoringAndTags() {
        String stream = activeStream("settings", 1);
        kinesis().increaseStreamRetentionPeriod(r -> r.streamName(stream).retentionPeriodHours(48));
        assertThatThrownBy(() -> kinesis().decreaseStreamRetentionPeriod(r -> r.streamName(stream)
                .retentionPeriodHours(72))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Requested retention period (72 hours) for stream " + stream
                        + " can not be longer than existing retention period (48 hours).");
        kinesis().decreaseStreamRetentionPeriod(r -> r.streamName(stream).retentionPeriodHours(24));

        kinesis().startStreamEncryption(r -> r.streamName(stream).encryptionType(EncryptionType.KMS)
                .keyId("alias/aws/kinesis"));
        StreamDescriptionSummary encrypted = awaitActive(stream);
        assertThat(encrypted.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(encrypted.keyId()).isEqualTo("alias/aws/kinesis");
        assertThat(kinesis().putRecord(r -> r.streamName(stream).partitionKey("k").data(bytes("x"))).encryptionType())
                .isEqualTo(EncryptionType.KMS);
        kinesis().stopStreamEncryption(r -> r.streamName(stream).encryptionType(EncryptionType.KMS)
                .keyId("alias/aws/kinesis"));
        assertThat(awaitActive(stream).encryptionType()).isEqualTo(EncryptionType.NONE);

        var enabled = kinesis().enableEnhancedMonitoring(r -> r.streamName(stream)
                .shardLevelMetrics(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_RECORDS));
        assertThat(enabled.desiredShardLevelMetrics()).containsExactlyInAnyOrder(MetricsName.INCOMING_BYTES,
                MetricsName.OUTGOING_RECORDS);
        assertThat(enabled.streamARN()).endsWith(":stream/" + stream);
        var disabled = kinesis().disableEnhancedMonitoring(r -> r.streamName(stream)
                .shardLevelMetrics(MetricsName.INCOMING_BYTES));
        assertThat(disabled.desiredShardLevelMetrics()).containsExactly(MetricsName.OUTGOING_RECORDS);

        kinesis().addTagsToStream(r -> r.streamName(stream).tags(Map.of("team", "wharf", "env", "test")));
        var tags = kinesis().listTagsForStream(r -> r.streamName(stream).limit(1));
        assertThat(tags.tags()).hasSize(1);
        assertThat(tags.hasMoreTags()).isTrue();
        kinesis().removeTagsFromStream(r -> r.streamName(stream).tagKeys("env"));
        String arn = encrypted.streamARN();
        kinesis().tagResource(r -> r.resourceARN(arn).tags(Map.of("owner", "me")));
        assertThat(kinesis().listTagsForResource(r -> r.resourceARN(arn)).tags())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("owner=me", "team=wharf");
        kinesis().untagResource(r -> r.resourceARN(arn).tagKeys("owner"));
        assertThat(kinesis().listTagsForStream(r -> r.streamName(stream)).tags()).hasSize(1);

        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        kinesis().putResourcePolicy(r -> r.resourceARN(arn).policy(policy));
        assertThat(kinesis().getResourcePolicy(r -> r.resourceARN(arn)).policy()).isEqualTo(policy);
        kinesis().deleteResourcePolicy(r -> r.resourceARN(arn));
        assertThat(kinesis().getResourcePolicy(r -> r.resourceARN(arn)).policy()).isEqualTo("{}");
        assertThatThrownBy(() -> kinesis().putResourcePolicy(r -> r.resourceARN(arn).policy("not json")))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void consumers() {
        String stream = activeStream("efo", 1);
        String arn = kinesis().describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamARN();
        Consumer consumer = kinesis().registerStreamConsumer(r -> r.streamARN(arn).consumerName("app")).consumer();
        assertThat(consumer.consumerStatus()).isEqualTo(ConsumerStatus.CREATING);
        assertThat(consumer.consumerARN()).startsWith(arn + "/consumer/app:");
        assertThat(consumer.consumerCreationTimestamp()).isCloseTo(Instant.now(), within(Duration.ofSeconds(5)));
        assertThatThrownBy(() -> kinesis().registerStreamConsumer(r -> r.streamARN(arn).consumerName("app")))
                .isInstanceOf(ResourceInUseException.class);
        sleep(TRANSITION_MILLIS * 2);
        var described = kinesis().describeStreamConsumer(r -> r.consumerARN(consumer.consumerARN())).consumerDescription();
        assertThat(described.consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
        assertThat(described.streamARN()).isEqualTo(arn);
        assertThat(kinesis().listStreamConsumers(r -> r.streamARN(arn)).consumers()).extracting(Consumer::consumerName)
                .containsExactly("app");
        assertThat(kinesis().describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().consumerCount())
                .isEqualTo(1);
        assertThatThrownBy(() -> kinesis().deleteStream(r -> r.streamName(stream)))
                .isInstanceOf(ResourceInUseException.class);
        kinesis().deregisterStreamConsumer(r -> r.streamARN(arn).consumerName("app"));
        sleep(TRANSITION_MILLIS * 2);
        assertThat(kinesis().listStreamConsumers(r -> r.streamARN(arn)).consumers()).isEmpty();
        assertThatThrownBy(() -> kinesis().describeStreamConsumer(r -> r.consumerARN(consumer.consumerARN())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void limitsAndAccountSettings() {
        var limits = kinesis().describeLimits(r -> { });
        assertThat(limits.shardLimit()).isEqualTo(500);
        assertThat(limits.onDemandStreamCountLimit()).isEqualTo(50);
        assertThat(kinesis().describeAccountSettings(r -> { }).minimumThroughputBillingCommitment().statusAsString())
                .isIn("DISABLED", "ENABLED");
        var updated = kinesis().updateAccountSettings(r -> r.minimumThroughputBillingCommitment(
                c -> c.status(MinimumThroughputBillingCommitmentInputStatus.ENABLED)));
        assertThat(updated.minimumThroughputBillingCommitment().statusAsString()).isEqualTo("ENABLED");
        assertThat(updated.minimumThroughputBillingCommitment().startedAt()).isCloseTo(Instant.now(),
                within(Duration.ofDays(366)));
    }
}
