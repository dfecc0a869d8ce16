package io.wharf.bench.scale;

import io.wharf.bench.measure.Percentiles;
import io.wharf.bench.sqs.SqsClients;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code subscriptions}: one SNS topic with S SQS queues subscribed (raw delivery), one long poller per queue
 * (WaitTimeSeconds=20, receive then delete). Heap after a full GC before, with the S queues, and with the
 * subscriptions (heap per subscription, the item). Then {@code max(1, samples / 20)} publishes, one after the
 * other: publish-to-all-delivered runs from the Publish call's start until the last of the S queues' pollers
 * has the message; each delivery's own latency is recorded too.
 */
final class SubscriptionsCase implements ScaleCase {
    @Override
    public String name() {
        return "subscriptions";
    }

    @Override
    public ScaleResult run(ScaleServer server, ScaleOptions options) throws Exception {
        int count = options.topicSubscriptions();
        int publishes = Math.max(1, options.samples() / 20);
        Samples allDelivered = new Samples();
        Samples delivery = new Samples();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        Map<Long, CountDownLatch> waiting = new ConcurrentHashMap<>();
        long baseline = server.usedHeapAfterGc();
        long withQueues;
        long withSubscriptions;
        try (SqsAsyncClient sqs = Sqs.client(server.endpoint(), 16);
             SqsAsyncClient polling = Sqs.client(server.endpoint(), count);
             SnsAsyncClient sns = SqsClients.configure(SnsAsyncClient.builder(), server.endpoint(), 16).build()) {
            String topicArn = sns.createTopic(b -> b.name("scale-topic")).join().topicArn();
            List<String> urls = Sqs.createQueues(sqs, "scale-sub", count);
            withQueues = server.usedHeapAfterGc();
            Semaphore permits = new Semaphore(16);
            for (String url : urls) {
                permits.acquire();
                sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                        .thenCompose(r -> sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs")
                                .endpoint(r.attributesAsStrings().get("QueueArn"))
                                .attributes(Map.of("RawMessageDelivery", "true"))))
                        .whenComplete((r, failure) -> {
                            permits.release();
                            if (failure != null) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, "Subscribe: " + failure);
                            }
                        });
            }
            permits.acquire(16);
            permits.release(16);
            withSubscriptions = server.usedHeapAfterGc();
            for (String url : urls) {
                poll(polling, url, stop, waiting, delivery, errors, firstError);
            }
            Thread.sleep(2_000);
            for (int i = 0; i < publishes; i++) {
                CountDownLatch all = new CountDownLatch(count);
                long start = System.nanoTime();
                waiting.put(start, all);
                sns.publish(b -> b.topicArn(topicArn).message(Long.toString(start))).join();
                if (all.await(60, TimeUnit.SECONDS)) {
                    allDelivered.recordSince(start);
                } else {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, all.getCount() + " of " + count + " queues lacked a publish after 60 s");
                }
                waiting.remove(start);
            }
            stop.set(true);
        }
        Map<String, Long> work = new LinkedHashMap<>();
        work.put("subscriptions", (long) count);
        work.put("publishes", (long) publishes);
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        latencies.put("publish-to-all-delivered", allDelivered.percentiles());
        latencies.put("publish-to-each-delivery", delivery.percentiles());
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("heap with the queues", ScaleResult.mib(withQueues));
        extra.put("heap per queue", ScaleResult.perItem(baseline, withQueues, count) + " B");
        extra.put("heap per subscription (over queues)", ScaleResult.perItem(withQueues, withSubscriptions, count) + " B");
        if (firstError.get() != null) {
            extra.put("first error", firstError.get());
        }
        return new ScaleResult(name(), work, "subscription (its queue included)", count, baseline, withSubscriptions,
                latencies, OptionalLong.empty(), extra, errors.get());
    }

    private static long stampOf(String body) {
        try {
            return Long.parseLong(body);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    private static void poll(SqsAsyncClient sqs, String url, AtomicBoolean stop, Map<Long, CountDownLatch> waiting,
                             Samples delivery, AtomicLong errors, AtomicReference<String> firstError) {
        if (stop.get()) {
            return;
        }
        sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20).maxNumberOfMessages(10))
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        if (!stop.get()) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, "ReceiveMessage: " + failure);
                        }
                    } else {
                        long now = System.nanoTime();
                        for (Message message : response.messages()) {
                            long stamp = stampOf(message.body());
                            CountDownLatch latch = waiting.get(stamp);
                            if (latch != null) {
                                delivery.recordNanos(now - stamp);
                                latch.countDown();
                            }
                            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
                        }
                    }
                    poll(sqs, url, stop, waiting, delivery, errors, firstError);
                });
    }
}
