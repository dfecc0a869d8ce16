package io.wharf.bench.sns;

import io.wharf.bench.measure.Latency;
import io.wharf.bench.measure.Percentiles;
import io.wharf.bench.measure.Result;
import io.wharf.bench.measure.Window;
import io.wharf.bench.scenario.Failures;
import io.wharf.bench.scenario.Scenario;
import io.wharf.bench.scenario.ScenarioSettings;
import io.wharf.bench.scenario.Workers;
import io.wharf.bench.sqs.SqsClients;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code sns-fanout}: P publishers call Publish on one topic with {@value #SUBSCRIBERS} SQS queues
 * subscribed (raw delivery); one consumer per queue receives (10 at most, long poll 1 s) and deletes.
 * A delivery counts when its delete succeeds; publish-to-receive latency comes from a stamp in the
 * message. Publishers pause while deliveries lag publishes by more than the backlog cap per queue.
 * The result's messages are deliveries; publishes per second are in the parameters.
 */
public final class SnsFanout implements Scenario {
    static final int SUBSCRIBERS = 10;

    @Override
    public String name() {
        return "sns-fanout";
    }

    @Override
    public Result run(ScenarioSettings settings) throws InterruptedException {
        Window window = new Window(settings.warmup(), settings.duration(), settings.serverPid());
        Latency endToEnd = new Latency("publish-to-receive", window);
        Latency publish = new Latency("publish", window);
        AtomicLong published = new AtomicLong();
        AtomicLong received = new AtomicLong();
        LongAdder delivered = new LongAdder();
        LongAdder publishedMeasured = new LongAdder();
        Failures failures = new Failures();
        String padding = "x".repeat(Math.max(0, settings.bodyBytes() - 20));
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        try (SqsAsyncClient sqs = SqsClients.create(settings.endpoint(), SUBSCRIBERS + 4);
             SnsAsyncClient sns = snsClient(settings)) {
            String topicArn = sns.createTopic(b -> b.name("wharf-bench-fanout-" + suffix)).join().topicArn();
            List<String> queues = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                String name = "wharf-bench-fanout-" + suffix + "-" + i;
                String url = sqs.createQueue(b -> b.queueName(name)).join().queueUrl();
                String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                        .join().attributesAsStrings().get("QueueArn");
                sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(arn)
                        .attributes(Map.of("RawMessageDelivery", "true"))).join();
                queues.add(url);
            }
            Workers workers = new Workers();
            for (int i = 0; i < settings.producers(); i++) {
                workers.start("publisher-" + i, () -> {
                    while (!window.stopped()) {
                        while (published.get() * SUBSCRIBERS - received.get() > (long) settings.backlogCap() * SUBSCRIBERS
                                && !window.stopped()) {
                            LockSupport.parkNanos(100_000);
                        }
                        long start = System.nanoTime();
                        try {
                            sns.publish(b -> b.topicArn(topicArn).message(start + ":" + padding)).join();
                            publish.recordSince(start);
                            published.incrementAndGet();
                            if (window.measuring()) {
                                publishedMeasured.increment();
                            }
                        } catch (RuntimeException e) {
                            failures.record(e);
                        }
                    }
                });
            }
            for (String url : queues) {
                workers.start("consumer", () -> {
                    while (!window.stopped()) {
                        try {
                            consume(sqs, url, window, endToEnd, received, delivered);
                        } catch (RuntimeException e) {
                            failures.record(e);
                        }
                    }
                });
            }
            window.runToEnd();
            workers.awaitAll(Duration.ofSeconds(10));
            for (String url : queues) {
                sqs.deleteQueue(b -> b.queueUrl(url));
            }
            sns.deleteTopic(b -> b.topicArn(topicArn));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("publishers", Integer.toString(settings.producers()));
        parameters.put("subscribers", Integer.toString(SUBSCRIBERS));
        parameters.put("raw", "true");
        parameters.put("bodyBytes", Integer.toString(settings.bodyBytes()));
        parameters.put("publishesPerSecond", String.format("%.1f", publishedMeasured.sum() / window.measuredSeconds()));
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        latencies.put(endToEnd.name(), endToEnd.percentiles());
        latencies.put(publish.name(), publish.percentiles());
        return new Result(name(), settings.target(), parameters, window.measuredSeconds(), delivered.sum(),
                failures.count(), failures.first(), endToEnd.name(), latencies,
                window.serverCpuMillis(), window.clientCpuMillis(), window.loadAverage());
    }

    private static void consume(SqsAsyncClient sqs, String url, Window window, Latency endToEnd,
                                AtomicLong received, LongAdder delivered) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                .join().messages();
        if (messages.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        received.addAndGet(messages.size());
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String body = messages.get(i).body();
            int colon = body.indexOf(':');
            if (colon > 0) {
                endToEnd.recordNanos(now - Long.parseLong(body.substring(0, colon)));
            }
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(messages.get(i).receiptHandle()).build());
        }
        int ok = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(entries)).join().successful().size();
        if (window.measuring()) {
            delivered.add(ok);
        }
    }

    private static SnsAsyncClient snsClient(ScenarioSettings settings) {
        return SqsClients.configure(SnsAsyncClient.builder(), settings.endpoint(), settings.producers()).build();
    }
}
