package io.wharf.sqs.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Producers and consumers on one queue at once. Invariant: with the clock standing still (no visibility
 * expiry), every sent message is received exactly once, and the queue ends empty.
 */
class ConcurrencyTest extends EngineFixture {
    private static final int PRODUCERS = 4;
    private static final int PER_PRODUCER = 250;

    @Test
    void everyMessageIsDeliveredExactlyOnceWhileTheClockStandsStill() throws Exception {
        QueueId q = create("q");
        int total = PRODUCERS * PER_PRODUCER;
        Set<String> sent = ConcurrentHashMap.newKeySet();
        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> jobs = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < PER_PRODUCER; i++) {
                        sent.add(send(q, producer + "-" + i).messageId());
                    }
                }));
            }
            for (int c = 0; c < 4; c++) {
                jobs.add(pool.submit(() -> {
                    while (received.size() < total) {
                        List<ReceivedMessage> batch = engine.receiveMessage(q,
                                new ReceiveCommand(10, null, 1, Set.of(), List.of(), null));
                        for (ReceivedMessage m : batch) {
                            if (!received.add(m.messageId())) {
                                duplicates.incrementAndGet();
                            }
                            engine.deleteMessage(q, m.receiptHandle());
                        }
                    }
                }));
            }
            for (Future<?> job : jobs) {
                job.get(20, TimeUnit.SECONDS);
            }
        }
        assertThat(duplicates).hasValue(0);
        assertThat(received).isEqualTo(sent).hasSize(total);
        assertThat(engine.getQueueAttributes(q, List.of("All"))).containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
    }
}
