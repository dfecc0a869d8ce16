package io.wharf.bench.scale;

import io.wharf.bench.kinesis.KinesisClients;
import io.wharf.bench.kinesis.KinesisWire;
import io.wharf.bench.measure.Percentiles;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code shards}: one stream of N shards, K enhanced fan-out consumers (AWS allows 20 per stream, and so does
 * Wharf) and S SubscribeToShard subscriptions over HTTP/2 spread across them (subscription i reads shard
 * {@code i mod N} for consumer {@code (i + i/N) mod K}). Heap after a full GC before the stream, with the stream
 * (heap per shard), and with the subscriptions open (heap per subscription, the item). Then {@code samples}
 * times a PutRecord aimed (ExplicitHashKey) at a random subscribed shard: put-to-push latency runs from the
 * put's start to the event that carries the record. A subscription that ends (after 5 minutes) is renewed.
 */
final class ShardsCase implements ScaleCase {
    @Override
    public String name() {
        return "shards";
    }

    @Override
    public ScaleResult run(ScaleServer server, ScaleOptions options) throws Exception {
        int shards = options.shards();
        int consumers = Math.max(1, options.consumers());
        int subscriptions = options.subscriptions();
        Samples push = new Samples();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        BlockingQueue<Long> pushed = new LinkedBlockingQueue<>();
        long baseline = server.usedHeapAfterGc();
        long withStream;
        long withSubscriptions;
        try (KinesisAsyncClient kinesis = KinesisClients.create(server.endpoint(), 16, KinesisWire.JSON);
             // over HTTP/2 the pool's limit counts streams (requests), not connections: room for every subscription
             KinesisAsyncClient fanOut = KinesisClients.create(server.endpoint(), subscriptions + 8, KinesisWire.JSON,
                     Protocol.HTTP2)) {
            String stream = "scale-shards";
            kinesis.createStream(b -> b.streamName(stream).shardCount(shards)).join();
            String streamArn = awaitActive(kinesis, stream);
            List<Shard> shardList = listShards(kinesis, streamArn);
            withStream = server.usedHeapAfterGc();
            List<String> consumerArns = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                String name = "scale-consumer-" + c;
                consumerArns.add(kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName(name))
                        .join().consumer().consumerARN());
            }
            for (String arn : consumerArns) {
                awaitActiveConsumer(kinesis, arn);
            }
            CountDownLatch started = new CountDownLatch(subscriptions);
            for (int i = 0; i < subscriptions; i++) {
                String consumerArn = consumerArns.get((i + i / shards) % consumers);
                String shardId = shardList.get(i % shards).shardId();
                subscribe(fanOut, consumerArn, shardId, null, false, started, stop, pushed, errors, firstError);
            }
            if (!started.await(120, TimeUnit.SECONDS)) {
                errors.incrementAndGet();
                firstError.compareAndSet(null, started.getCount() + " subscriptions had not started after 120 s");
            }
            withSubscriptions = server.usedHeapAfterGc();
            int subscribedShards = Math.min(subscriptions, shards);
            for (int i = 0; i < options.samples(); i++) {
                Shard shard = shardList.get(ThreadLocalRandom.current().nextInt(subscribedShards));
                long start = System.nanoTime();
                ByteBuffer data = ByteBuffer.allocate(Long.BYTES).putLong(0, start);
                kinesis.putRecord(b -> b.streamName(stream).partitionKey("k")
                        .explicitHashKey(shard.hashKeyRange().startingHashKey()).data(SdkBytes.fromByteBuffer(data))).join();
                Long stamp = pushed.poll(30, TimeUnit.SECONDS);
                while (stamp != null && stamp != start) {
                    stamp = pushed.poll(30, TimeUnit.SECONDS);
                }
                if (stamp == null) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, "a record put to " + shard.shardId() + " was not pushed within 30 s");
                } else {
                    push.recordSince(start);
                }
            }
            stop.set(true);
        }
        Map<String, Long> work = new LinkedHashMap<>();
        work.put("shards", (long) shards);
        work.put("consumers", (long) consumers);
        work.put("subscriptions", (long) subscriptions);
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        latencies.put("put-to-push", push.percentiles());
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("heap with the stream", ScaleResult.mib(withStream));
        extra.put("heap per shard", ScaleResult.perItem(baseline, withStream, shards) + " B");
        extra.put("heap per subscription (consumers included)",
                ScaleResult.perItem(withStream, withSubscriptions, subscriptions) + " B");
        if (firstError.get() != null) {
            extra.put("first error", firstError.get());
        }
        return new ScaleResult(name(), work, "subscription (stream, consumers included)", subscriptions, baseline,
                withSubscriptions, latencies,
                OptionalLong.empty(), extra, errors.get());
    }

    /** One subscription; when it ends (5 minutes) and the run goes on, the next starts after the last record seen. */
    private static void subscribe(KinesisAsyncClient fanOut, String consumerArn, String shardId, String after,
                                  boolean renewal, CountDownLatch started, AtomicBoolean stop, BlockingQueue<Long> pushed,
                                  AtomicLong errors, AtomicReference<String> firstError) {
        AtomicBoolean first = new AtomicBoolean(true);
        AtomicReference<String> last = new AtomicReference<>(after);
        SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                .subscriber(event -> {
                    if (first.compareAndSet(true, false) && !renewal) {
                        started.countDown();
                    }
                    if (event instanceof SubscribeToShardEvent shardEvent) {
                        for (Record record : shardEvent.records()) {
                            ByteBuffer data = record.data().asByteBuffer();
                            if (data.remaining() == Long.BYTES) {
                                pushed.add(data.getLong(0));
                            }
                            last.set(record.sequenceNumber());
                        }
                    }
                }).build();
        StartingPosition position = after == null
                ? StartingPosition.builder().type(ShardIteratorType.LATEST).build()
                : StartingPosition.builder().type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after).build();
        fanOut.subscribeToShard(b -> b.consumerARN(consumerArn).shardId(shardId).startingPosition(position)
                        .overrideConfiguration(o -> o.apiCallTimeout(java.time.Duration.ofMinutes(6))), handler)
                .whenComplete((done, failure) -> {
                    if (stop.get()) {
                        return;
                    }
                    if (failure != null) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, "SubscribeToShard " + shardId + ": " + failure);
                        if (first.get() && !renewal) {
                            started.countDown();
                        }
                        return;
                    }
                    subscribe(fanOut, consumerArn, shardId, last.get(), true, started, stop, pushed, errors, firstError);
                });
    }

    /** Waits (up to 120 s) until the stream is ACTIVE; returns its ARN. */
    static String awaitActive(KinesisAsyncClient kinesis, String stream) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            var description = kinesis.describeStreamSummary(b -> b.streamName(stream)).join().streamDescriptionSummary();
            if (description.streamStatus() == StreamStatus.ACTIVE) {
                return description.streamARN();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stream " + stream + " not ACTIVE after 120 s");
            }
            Thread.sleep(100);
        }
    }

    private static void awaitActiveConsumer(KinesisAsyncClient kinesis, String arn) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (kinesis.describeStreamConsumer(b -> b.consumerARN(arn)).join().consumerDescription().consumerStatus()
                != ConsumerStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumer " + arn + " not ACTIVE after 120 s");
            }
            Thread.sleep(100);
        }
    }

    private static List<Shard> listShards(KinesisAsyncClient kinesis, String streamArn) {
        List<Shard> shards = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            var page = token == null
                    ? kinesis.listShards(b -> b.streamARN(streamArn)).join()
                    : kinesis.listShards(b -> b.nextToken(token)).join();
            shards.addAll(page.shards());
            next = page.nextToken();
        } while (next != null);
        return shards;
    }
}
