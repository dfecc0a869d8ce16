package io.wharf.bench.sqs;

import io.wharf.bench.measure.Latency;
import io.wharf.bench.measure.Percentiles;
import io.wharf.bench.measure.Result;
import io.wharf.bench.measure.Window;
import io.wharf.bench.scenario.Failures;
import io.wharf.bench.scenario.Pacing;
import io.wharf.bench.scenario.Scenario;
import io.wharf.bench.scenario.ScenarioSettings;
import io.wharf.bench.scenario.Workers;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code sqs-roundtrip}: P producers send batches of 10 while C consumers receive (10 at most, long
 * poll of 1 s) and delete them in batches. A message counts when its delete succeeds; its send-to-receive
 * latency comes from the stamp in its body. Producers pause while more than the backlog cap is sent and
 * not yet received, so the queue stays short and the figure is about flow, not about a growing pile.
 * <p>
 * With a rate, producers take turns on a shared schedule ({@link Pacing}, which starts again when the measured
 * window opens) of one batch every {@code 10 / rate} seconds
 * and stamp each body with the moment it was <em>due</em>, not when it went out, so a producer that
 * falls behind shows up in the latency instead of hiding (no coordinated omission).
 * <p>
 * {@code sqs-fifo} is the same flow on a FIFO queue: each message gets one of {@value #FIFO_GROUPS} message
 * groups in turn and a unique deduplication id, so group order and group locks are exercised.
 */
public final class SqsRoundtrip implements Scenario {
    private static final int BATCH = SqsSend.BATCH;
    private static final long BACKLOG_PAUSE_NANOS = 100_000;
    static final int FIFO_GROUPS = 10;

    private final boolean fifo;
    private final AtomicLong fifoSequence = new AtomicLong();

    /** The standard-queue roundtrip. */
    public SqsRoundtrip() {
        this(false);
    }

    /** The roundtrip on a standard queue, or on a FIFO queue with {@value #FIFO_GROUPS} groups. */
    public SqsRoundtrip(boolean fifo) {
        this.fifo = fifo;
    }

    @Override
    public String name() {
        return fifo ? "sqs-fifo" : "sqs-roundtrip";
    }

    @Override
    public Result run(ScenarioSettings settings) throws InterruptedException {
        Window window = new Window(settings.warmup(), settings.duration(), settings.serverPid());
        Latency endToEnd = new Latency("send-to-receive", window);
        Latency sendBatch = new Latency("send-batch", window);
        Latency receive = new Latency("receive", window);
        Latency deleteBatch = new Latency("delete-batch", window);
        AtomicLong sent = new AtomicLong();
        AtomicLong received = new AtomicLong();
        LongAdder deleted = new LongAdder();
        Failures failures = new Failures();
        Bodies bodies = new Bodies(settings.bodyBytes());
        int rate = settings.ratePerSecond();
        Pacing pacing = new Pacing(rate, BATCH);
        try (SqsAsyncClient sqs = SqsClients.create(settings.endpoint(), settings.producers() + settings.consumers());
             BenchQueue queue = BenchQueue.create(sqs, name(), fifo, settings.queueAttributes())) {
            Workers workers = new Workers();
            for (int i = 0; i < settings.producers(); i++) {
                workers.start("producer-" + i, () -> {
                    while (!window.stopped()) {
                        long due = pacing.awaitNextTick(window);
                        while (sent.get() - received.get() > settings.backlogCap() && !window.stopped()) {
                            LockSupport.parkNanos(BACKLOG_PAUSE_NANOS);
                        }
                        if (window.stopped()) {
                            return;
                        }
                        long start = System.nanoTime();
                        long stamp = pacing.fixedRate() ? due : start; // full speed: the backlog pause is not latency
                        try {
                            int ok = sqs.sendMessageBatch(b -> b.queueUrl(queue.url())
                                    .entries(fifo ? fifoEntries(SqsSend.entries(bodies, stamp))
                                            : SqsSend.entries(bodies, stamp)))
                                    .join().successful().size();
                            sendBatch.recordSince(start);
                            sent.addAndGet(ok);
                        } catch (RuntimeException e) {
                            failures.record(e);
                        }
                    }
                });
            }
            for (int i = 0; i < settings.consumers(); i++) {
                workers.start("consumer-" + i, () -> {
                    while (!window.stopped()) {
                        try {
                            consumeOnce(sqs, queue.url(), window, endToEnd, receive, deleteBatch, received,
                                    deleted, failures);
                        } catch (RuntimeException e) {
                            failures.record(e);
                        }
                    }
                });
            }
            window.runToEnd();
            workers.awaitAll(Duration.ofSeconds(10));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("producers", Integer.toString(settings.producers()));
        parameters.put("consumers", Integer.toString(settings.consumers()));
        parameters.put("batch", Integer.toString(BATCH));
        parameters.put("backlogCap", Integer.toString(settings.backlogCap()));
        parameters.put("rate", rate > 0 ? Integer.toString(rate) : "full");
        parameters.put("bodyBytes", Integer.toString(settings.bodyBytes()));
        parameters.putAll(pacing.figures(window));
        if (fifo) {
            parameters.put("groups", Integer.toString(FIFO_GROUPS));
        }
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        for (Latency latency : List.of(endToEnd, sendBatch, receive, deleteBatch)) {
            latencies.put(latency.name(), latency.percentiles());
        }
        return new Result(name(), settings.target(), parameters, window.measuredSeconds(), deleted.sum(),
                failures.count(), failures.first(), endToEnd.name(), latencies,
                window.serverCpuMillis(), window.clientCpuMillis(), window.loadAverage());
    }

    private static void consumeOnce(SqsAsyncClient sqs, String queueUrl, Window window, Latency endToEnd,
                                    Latency receive, Latency deleteBatch, AtomicLong received, LongAdder deleted,
                                    Failures failures) {
        long receiveStart = System.nanoTime();
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(BATCH).waitTimeSeconds(1)).join().messages();
        long now = System.nanoTime();
        if (messages.isEmpty()) {
            return; // an empty long poll is not a receive worth timing
        }
        receive.recordNanos(now - receiveStart);
        received.addAndGet(messages.size());
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            long stamp = Bodies.stampOf(messages.get(i).body());
            if (stamp != Bodies.NO_STAMP) {
                endToEnd.recordNanos(now - stamp);
            }
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(messages.get(i).receiptHandle()).build());
        }
        long deleteStart = System.nanoTime();
        DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)).join();
        deleteBatch.recordSince(deleteStart);
        if (!response.failed().isEmpty()) {
            failures.record("DeleteMessageBatch entry failed: " + response.failed().getFirst());
        }
        if (window.measuring()) {
            deleted.add(response.successful().size());
        }
    }

    private List<software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry> fifoEntries(
            List<software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry> entries) {
        List<software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry> grouped = new ArrayList<>(entries.size());
        for (var entry : entries) {
            long n = fifoSequence.getAndIncrement();
            grouped.add(entry.toBuilder().messageGroupId("g" + (n % FIFO_GROUPS))
                    .messageDeduplicationId(Long.toString(n)).build());
        }
        return grouped;
    }
}
