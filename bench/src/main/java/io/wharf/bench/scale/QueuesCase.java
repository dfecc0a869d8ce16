package io.wharf.bench.scale;

import io.wharf.bench.measure.Percentiles;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code queues}: Q standard queues, M messages each (SendMessageBatch). Heap after a full GC before, with the
 * empty queues (heap per queue), and with the messages (heap per message, the item); then ReceiveMessage
 * latency on random queues with all of it in place, and the SendMessageBatch latency of the fill; then (when this
 * tool started the server) SIGKILL, a start on the same data directory timed until it listens and a receive on a
 * random queue answers, and the heap after the restart.
 *
 * <p>With {@code --in-flight}, every message is then received (VisibilityTimeout 12 h, none deleted) and the heap
 * measured again: the heap per in-flight message, the state {@code --sqs-max-inflight-messages} bounds (10,000 queues
 * of 100 are its default, 1,000,000). The restart then ends when a random queue counts all its messages in flight.
 */
final class QueuesCase implements ScaleCase {
    @Override
    public String name() {
        return "queues";
    }

    @Override
    public ScaleResult run(ScaleServer server, ScaleOptions options) throws Exception {
        long baseline = server.usedHeapAfterGc();
        Fill fill = new Fill();
        Samples receive = new Samples();
        long receiveErrors = 0;
        long withQueues;
        long withMessages;
        long withInflight = 0;
        Receiver receiver = new Receiver();
        try (SqsAsyncClient sqs = Sqs.client(server.endpoint(), options.senders())) {
            List<String> urls = Sqs.createQueues(sqs, "scale-q", options.queues());
            withQueues = server.usedHeapAfterGc();
            long total = (long) options.queues() * options.messages();
            fill.fill(sqs, urls, options.messages(), options.senders(), Sqs.body(options.bodyBytes()),
                    Math.max(100_000, total / 10));
            withMessages = server.usedHeapAfterGc();
            for (int i = 0; i < options.samples(); i++) {
                String url = urls.get(ThreadLocalRandom.current().nextInt(urls.size()));
                long start = System.nanoTime();
                try {
                    if (sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1)).join().messages().isEmpty()) {
                        receiveErrors++;
                    } else {
                        receive.recordSince(start);
                    }
                } catch (RuntimeException e) {
                    receiveErrors++;
                }
            }
            if (options.inFlight()) {
                receiver.receiveAll(sqs, urls, options.senders());
                withInflight = server.usedHeapAfterGc();
            }
        }
        Map<String, String> extra = new LinkedHashMap<>();
        OptionalLong restartMillis = OptionalLong.empty();
        if (server.canRestart()) {
            String queue = "scale-q-" + ThreadLocalRandom.current().nextInt(options.queues());
            restartMillis = OptionalLong.of(options.inFlight()
                    ? Sqs.restartUntilCounted(server, queue, options.messages(), extra)
                    : Sqs.restartUntilReceived(server, queue, extra));
        }
        Map<String, Long> work = new LinkedHashMap<>();
        work.put("queues", (long) options.queues());
        work.put("messagesPerQueue", (long) options.messages());
        work.put("bodyBytes", (long) options.bodyBytes());
        work.put("inFlight", options.inFlight() ? 1L : 0L);
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        latencies.put("receive", receive.percentiles());
        latencies.put("send-batch (fill)", fill.batchLatency.percentiles());
        extra.put("heap with empty queues", ScaleResult.mib(withQueues));
        extra.put("heap per queue", ScaleResult.perItem(baseline, withQueues, options.queues()) + " B");
        extra.put("heap per message (over queues)", ScaleResult.perItem(withQueues, withMessages, fill.sent.get()) + " B");
        if (options.inFlight()) {
            extra.put("in flight", receiver.received.get() + " messages");
            extra.put("heap per in-flight message",
                    ScaleResult.perItem(withMessages, withInflight, receiver.received.get()) + " B");
            extra.put("heap with all in flight", ScaleResult.mib(withInflight));
            if (receiver.firstError.get() != null) {
                extra.put("first receive error", receiver.firstError.get());
            }
        }
        if (fill.firstError.get() != null) {
            extra.put("first error", fill.firstError.get());
        }
        return new ScaleResult(name(), work, "message", fill.sent.get(), baseline, withMessages, latencies,
                restartMillis, extra, fill.errors.get() + receiveErrors + receiver.errors.get());
    }

    /** Receives every message of the queues, ten at a time, {@code callers} queues at once; deletes none. */
    static final class Receiver {
        final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong errors = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicReference<String> firstError =
                new java.util.concurrent.atomic.AtomicReference<>();

        void receiveAll(SqsAsyncClient sqs, List<String> urls, int callers) throws InterruptedException {
            java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(callers);
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(urls.size());
            for (String url : urls) {
                permits.acquire();
                drain(sqs, url, () -> {
                    permits.release();
                    done.countDown();
                });
            }
            done.await();
        }

        /** Receives from {@code url} until an answer is empty or fails, then runs {@code finished}. */
        private void drain(SqsAsyncClient sqs, String url, Runnable finished) {
            sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(43_200))
                    .whenComplete((answer, failure) -> {
                        if (failure != null) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, String.valueOf(failure.getCause() != null
                                    ? failure.getCause().getMessage() : failure.getMessage()));
                            finished.run();
                        } else if (answer.messages().isEmpty()) {
                            finished.run();
                        } else {
                            received.addAndGet(answer.messages().size());
                            drain(sqs, url, finished);
                        }
                    });
        }
    }
}
