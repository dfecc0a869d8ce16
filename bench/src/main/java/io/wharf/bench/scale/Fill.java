package io.wharf.bench.scale;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fills queues with SendMessageBatch (10 a call), at most {@code inFlight} calls at once; counts what was
 * acknowledged and what failed (a failed entry is not retried: the counts say what is there).
 */
final class Fill {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicReference<String> firstError = new AtomicReference<>();
    final Samples batchLatency = new Samples();
    /** The message groups a FIFO queue's messages are spread over. */
    static final int GROUPS = 100;

    void fill(SqsAsyncClient sqs, List<String> queueUrls, long perQueue, int inFlight, String body, long progressEvery)
            throws InterruptedException {
        fill(sqs, queueUrls, perQueue, inFlight, body, 0, false, progressEvery);
    }

    /**
     * As above, every message sent with {@code delaySeconds} (0: none); to FIFO queues ({@code fifo}) each message
     * with its own deduplication id, in one of {@value #GROUPS} groups in turn, and no delay of its own (AWS refuses
     * one: the queue's DelaySeconds delays them).
     */
    void fill(SqsAsyncClient sqs, List<String> queueUrls, long perQueue, int inFlight, String body, int delaySeconds,
              boolean fifo, long progressEvery) throws InterruptedException {
        Integer delay = delaySeconds > 0 && !fifo ? delaySeconds : null;
        Semaphore permits = new Semaphore(inFlight);
        long nextProgress = progressEvery;
        for (long done = 0; done < perQueue; done += 10) {
            int count = (int) Math.min(10, perQueue - done);
            for (String url : queueUrls) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    long n = done + i;
                    entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(body)
                            .delaySeconds(delay).messageGroupId(fifo ? "g" + n % GROUPS : null)
                            .messageDeduplicationId(fifo ? Long.toString(n) : null).build());
                }
                permits.acquire();
                long start = System.nanoTime();
                sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries)).whenComplete((response, failure) -> {
                    permits.release();
                    if (failure != null) {
                        errors.addAndGet(count);
                        firstError.compareAndSet(null, failure.toString());
                    } else {
                        batchLatency.recordSince(start);
                        sent.addAndGet(response.successful().size());
                        if (!response.failed().isEmpty()) {
                            errors.addAndGet(response.failed().size());
                            firstError.compareAndSet(null, response.failed().getFirst().toString());
                        }
                    }
                });
            }
            if (progressEvery > 0 && sent.get() >= nextProgress) {
                System.err.printf("wharf-bench scale: %d messages sent%n", sent.get());
                nextProgress += progressEvery;
            }
        }
        permits.acquire(inFlight);
        permits.release(inFlight);
    }
}
