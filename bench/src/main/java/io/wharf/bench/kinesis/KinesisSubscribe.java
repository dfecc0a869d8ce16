package io.wharf.bench.kinesis;

import io.wharf.bench.measure.Latency;
import io.wharf.bench.measure.Percentiles;
import io.wharf.bench.measure.Result;
import io.wharf.bench.measure.Window;
import io.wharf.bench.scenario.Failures;
import io.wharf.bench.scenario.Scenario;
import io.wharf.bench.scenario.ScenarioSettings;
import io.wharf.bench.scenario.Workers;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code kinesis-subscribe}: the producers of {@code kinesis-roundtrip}, read by enhanced fan-out instead
 * of polling: one registered consumer, one SubscribeToShard per shard over HTTP/2 (as the KCL's fan-out
 * does), records pushed by the server as they arrive. A subscription that ends (after 5 minutes, or on a
 * failure) is renewed after the last record received. Wharf only: kinesalite has no consumers.
 */
public final class KinesisSubscribe implements Scenario {
    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(60);
    /** Above a subscription's 5-minute life, so the client's own call timeout never cuts one short. */
    private static final Duration SUBSCRIPTION_TIMEOUT = Duration.ofMinutes(6);
    private static final long STOP_CHECK_MILLIS = 100;

    @Override
    public String name() {
        return "kinesis-subscribe";
    }

    @Override
    public Result run(ScenarioSettings settings) throws InterruptedException {
        KinesisSettings kinesis = settings.kinesis();
        kinesis.checkPutSize(settings.bodyBytes());
        Window window = new Window(settings.warmup(), settings.duration(), settings.serverPid());
        Latency endToEnd = new Latency("put-to-receive", window);
        Latency put = new Latency("put-records", window);
        LongAdder received = new LongAdder();
        LongAdder subscriptions = new LongAdder();
        Failures failures = new Failures();
        StampedRecords records = new StampedRecords(settings.bodyBytes(), kinesis.recordsPerPut());
        Map<String, String> schedule = Map.of();
        try (KinesisAsyncClient client = KinesisClients.create(settings.endpoint(), settings.producers(), kinesis.wire());
             KinesisAsyncClient fanOut = KinesisClients.create(settings.endpoint(), kinesis.shards(), kinesis.wire(),
                     Protocol.HTTP2);
             BenchStream stream = BenchStream.create(client, name(), kinesis.shards(), kinesis.streamKeyId())) {
            String consumerArn = registerConsumer(client, stream);
            Workers workers = new Workers();
            Producers producers = new Producers(client, stream, records, kinesis.backlogRecords(),
                    settings.ratePerSecond(), kinesis.recordsPerPut(), window, put, failures);
            for (String shardId : stream.shardIds()) {
                workers.start("subscriber-" + shardId, () -> {
                    AtomicReference<String> lastSequenceNumber = new AtomicReference<>();
                    while (!window.stopped()) {
                        SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                                .subscriber(event -> {
                                    if (event instanceof SubscribeToShardEvent shardEvent && !shardEvent.records().isEmpty()) {
                                        long now = System.nanoTime();
                                        List<Record> batch = shardEvent.records();
                                        for (Record record : batch) {
                                            long stamp = StampedRecords.stampOf(record.data());
                                            if (stamp != StampedRecords.NO_STAMP) {
                                                endToEnd.recordNanos(now - stamp);
                                            }
                                        }
                                        lastSequenceNumber.set(batch.getLast().sequenceNumber());
                                        producers.read(batch.size());
                                        if (window.measuring()) {
                                            received.add(batch.size());
                                        }
                                    }
                                }).build();
                        subscriptions.increment();
                        awaitEnd(fanOut.subscribeToShard(request(consumerArn, shardId, lastSequenceNumber.get()), handler),
                                window, failures);
                    }
                });
            }
            producers.start(workers, settings.producers());
            window.runToEnd();
            schedule = producers.scheduleFigures();
            workers.awaitAll(Duration.ofSeconds(10));
        }
        Map<String, String> parameters = KinesisResults.parameters(settings, "producers", settings.producers());
        parameters.put("readers", kinesis.shards() + " (one SubscribeToShard per shard, HTTP/2)");
        parameters.put("backlogRecords", Integer.toString(kinesis.backlogRecords()));
        parameters.put("rate", settings.ratePerSecond() > 0 ? Integer.toString(settings.ratePerSecond()) : "full");
        parameters.putAll(schedule);
        parameters.put("subscriptions", Long.toString(subscriptions.sum()));
        KinesisResults.putDataRate(parameters, received.sum(), settings.bodyBytes(), window.measuredSeconds());
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        latencies.put(endToEnd.name(), endToEnd.percentiles());
        latencies.put(put.name(), put.percentiles());
        return new Result(name(), settings.target(), parameters, window.measuredSeconds(), received.sum(),
                failures.count(), failures.first(), endToEnd.name(), latencies,
                window.serverCpuMillis(), window.clientCpuMillis(), window.loadAverage());
    }

    /** From the start of the shard, or just after the last record received by an earlier subscription. */
    static SubscribeToShardRequest request(String consumerArn, String shardId, String lastSequenceNumber) {
        StartingPosition position = lastSequenceNumber == null
                ? StartingPosition.builder().type(ShardIteratorType.TRIM_HORIZON).build()
                : StartingPosition.builder().type(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .sequenceNumber(lastSequenceNumber).build();
        return SubscribeToShardRequest.builder().consumerARN(consumerArn).shardId(shardId).startingPosition(position)
                .overrideConfiguration(o -> o.apiCallTimeout(SUBSCRIPTION_TIMEOUT)).build();
    }

    /** Waits for a subscription to end, or cancels it when the run stops; a failure counts and backs off. */
    private static void awaitEnd(CompletableFuture<Void> subscription, Window window, Failures failures) {
        while (true) {
            try {
                subscription.get(STOP_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                if (window.stopped()) {
                    subscription.cancel(true);
                    return;
                }
            } catch (ExecutionException e) {
                if (!window.stopped()) {
                    failures.record(e.getCause() != null ? e.getCause() : e);
                }
                return;
            } catch (InterruptedException e) {
                subscription.cancel(true);
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.CancellationException e) {
                return;
            }
        }
    }

    private static String registerConsumer(KinesisAsyncClient client, BenchStream stream) throws InterruptedException {
        String arn = client.registerStreamConsumer(b -> b.streamARN(stream.arn()).consumerName("wharf-bench"))
                .join().consumer().consumerARN();
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        while (client.describeStreamConsumer(b -> b.consumerARN(arn)).join().consumerDescription().consumerStatus()
                != ConsumerStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumer " + arn + " not ACTIVE after " + ACTIVE_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
        return arn;
    }
}
