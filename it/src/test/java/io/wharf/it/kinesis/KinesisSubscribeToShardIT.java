package io.wharf.it.kinesis;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponse;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Enhanced fan-out through the SDK's async client (Netty, HTTP/2 as the SDK picks for Kinesis; CBOR and JSON;
 * and HTTP/1.1 chunked): the initial response, records pushed as they are put, ContinuationSequenceNumber,
 * ChildShards at the end of a closed shard, and the errors answered before streaming.
 */
class KinesisSubscribeToShardIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder()
            .configure(c -> c.kinesisTransitionMillis(0)).build();

    private static KinesisClient kinesis;

    @BeforeAll
    static void client() {
        kinesis = Clients.kinesis(WHARF.endpoint());
    }

    @AfterAll
    static void close() {
        kinesis.close();
    }

    /** A stream with {@code shards} shards and an ACTIVE consumer: [stream ARN, consumer ARN]. */
    private static String[] streamWithConsumer(String name, int shards) throws InterruptedException {
        kinesis.createStream(r -> r.streamName(name).shardCount(shards));
        while (kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            Thread.sleep(20);
        }
        String streamArn = kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamARN();
        String consumerArn = kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("efo"))
                .consumer().consumerARN();
        while (kinesis.describeStreamConsumer(r -> r.consumerARN(consumerArn)).consumerDescription().consumerStatus()
                != ConsumerStatus.ACTIVE) {
            Thread.sleep(20);
        }
        return new String[] {streamArn, consumerArn};
    }

    /** Subscribes; events land in the queue; the future completes when the stream ends. */
    private static CompletableFuture<Void> subscribe(KinesisAsyncClient async, String consumerArn, String shardId,
                                                     ShardIteratorType type, BlockingQueue<SubscribeToShardEvent> events,
                                                     AtomicReference<SubscribeToShardResponse> initial) {
        SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                .onResponse(initial::set)
                .subscriber(SubscribeToShardResponseHandler.Visitor.builder()
                        .onSubscribeToShardEvent(events::add).build())
                .build();
        return async.subscribeToShard(SubscribeToShardRequest.builder().consumerARN(consumerArn).shardId(shardId)
                .startingPosition(p -> p.type(type)).build(), handler);
    }

    private static SubscribeToShardEvent next(BlockingQueue<SubscribeToShardEvent> events) throws InterruptedException {
        SubscribeToShardEvent event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isNotNull();
        return event;
    }

    private static void pushesRecordsAsTheyArrive(KinesisAsyncClient async, String name) throws Exception {
        String[] arns = streamWithConsumer(name, 1);
        for (int i = 0; i < 3; i++) {
            int n = i;
            kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("before-" + n)));
        }
        BlockingQueue<SubscribeToShardEvent> events = new LinkedBlockingQueue<>();
        AtomicReference<SubscribeToShardResponse> initial = new AtomicReference<>();
        CompletableFuture<Void> done = subscribe(async, arns[1], "shardId-000000000000",
                ShardIteratorType.TRIM_HORIZON, events, initial);

        SubscribeToShardEvent first = next(events);
        assertThat(initial.get()).as("the initial-response came first").isNotNull();
        assertThat(first.records()).extracting(r -> r.data().asUtf8String())
                .containsExactly("before-0", "before-1", "before-2");
        assertThat(first.continuationSequenceNumber()).isEqualTo(first.records().get(2).sequenceNumber());
        assertThat(first.millisBehindLatest()).isZero();
        assertThat(first.records().get(0).approximateArrivalTimestamp()).isNotNull();

        long put = System.nanoTime();
        String sequence = kinesis.putRecord(r -> r.streamName(name).partitionKey("k")
                .data(SdkBytes.fromUtf8String("live"))).sequenceNumber();
        SubscribeToShardEvent pushed = next(events);
        while (pushed.records().isEmpty()) { // a heartbeat may come first
            pushed = next(events);
        }
        long latencyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - put);
        assertThat(pushed.records()).extracting(r -> r.data().asUtf8String()).containsExactly("live");
        assertThat(pushed.continuationSequenceNumber()).isEqualTo(sequence);
        assertThat(latencyMillis).as("pushed, not found by a 5 s heartbeat").isLessThan(4_000);

        // A closed shard ends the subscription with its children and no continuation.
        kinesis.splitShard(r -> r.streamName(name).shardToSplit("shardId-000000000000")
                .newStartingHashKey("170141183460469231731687303715884105728"));
        SubscribeToShardEvent last = next(events);
        while (last.continuationSequenceNumber() != null) {
            last = next(events);
        }
        assertThat(last.childShards()).hasSize(2);
        assertThat(last.childShards().get(0).parentShards()).containsExactly("shardId-000000000000");
        done.get(10, TimeUnit.SECONDS);
    }

    @Test
    void cborOverH2c() throws Exception {
        try (KinesisAsyncClient async = Clients.kinesisAsync(WHARF.endpoint())) {
            pushesRecordsAsTheyArrive(async, "efo-cbor");
        }
    }

    @Test
    void jsonOverH2c() throws Exception {
        try (KinesisAsyncClient async = Clients.withCborDisabled(() -> Clients.kinesisAsync(WHARF.endpoint()))) {
            pushesRecordsAsTheyArrive(async, "efo-json");
        }
    }

    @Test
    void http11Chunked() throws Exception {
        try (KinesisAsyncClient async = Clients.kinesisAsyncBuilder(WHARF.endpoint())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build()) {
            pushesRecordsAsTheyArrive(async, "efo-h1");
        }
    }

    @Test
    void errorsComeBeforeTheStream() throws Exception {
        String[] arns = streamWithConsumer("efo-errors", 1);
        try (KinesisAsyncClient async = Clients.kinesisAsync(WHARF.endpoint())) {
            BlockingQueue<SubscribeToShardEvent> events = new LinkedBlockingQueue<>();
            AtomicReference<SubscribeToShardResponse> initial = new AtomicReference<>();
            assertThatThrownBy(() -> subscribe(async, arns[1], "shardId-000000000009", ShardIteratorType.LATEST,
                    events, initial).get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> subscribe(async, arns[0] + "/consumer/nobody:1", "shardId-000000000000",
                    ShardIteratorType.LATEST, events, initial).get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ResourceNotFoundException.class);

            CompletableFuture<Void> first = subscribe(async, arns[1], "shardId-000000000000",
                    ShardIteratorType.LATEST, events, initial);
            next(events);
            assertThatThrownBy(() -> subscribe(async, arns[1], "shardId-000000000000", ShardIteratorType.LATEST,
                    new LinkedBlockingQueue<>(), new AtomicReference<>()).get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ResourceInUseException.class)
                    .hasMessageContaining("Another active subscription");
            // Deregistering the consumer ends its subscription with an exception event.
            kinesis.deregisterStreamConsumer(r -> r.consumerARN(arns[1]));
            assertThatThrownBy(() -> first.get(15, TimeUnit.SECONDS)).hasCauseInstanceOf(
                    ResourceNotFoundException.class);
        }
    }
}
