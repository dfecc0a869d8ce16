package io.wharf.it.crash;

import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A standard queue with a backlog beyond the 10,000 visible messages memory holds per queue (the rest stays in
 * the store and is read back a page at a time): through the SDK, 16,000 messages are sent, some received and
 * deleted, Wharf is killed with SIGKILL while more sends are on their way, and after the restart the counts add
 * up and the drain returns every acknowledged, undeleted message exactly once, and nothing else. The same with
 * 16,000 delayed messages, beyond the 10,000 delayed messages memory holds per queue (the rest waits in the store's
 * timer index): none is delivered before its delay ends, and after the restart each is delivered exactly once. And
 * the same with a FIFO queue's backlog: each group drains in the order its messages were sent, exactly once; and
 * with a FIFO queue that delays its messages (its DelaySeconds): in order, exactly once, none before its delay.
 *
 * It waits out delays of 15 to 19 s and a visibility timeout, with its own child process: it runs beside the other
 * suites.
 */
@Execution(ExecutionMode.CONCURRENT)
class SqsBacklogCrashIT {
    private static final int SENDERS = 4;
    private static final int BATCHES_PER_SENDER = 400;

    @TempDir
    Path dataDir;

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> attempted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sequence = new AtomicInteger();

    @Test
    void aBacklogBeyondTheHotWindowSurvivesKillNineAndDrainsExactlyOnce() throws Exception {
        Set<String> deleted = new HashSet<>();
        Set<String> inFlightBeforeCrash = new HashSet<>();
        try (WharfProcess wharf = WharfProcess.start(dataDir)) {
            SqsClient sqs = Clients.sqs(wharf.endpoint());
            String url = sqs.createQueue(r -> r.queueName("backlog")).queueUrl();
            ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
            fill(senders, sqs, url, false);
            assertThat(acknowledged).hasSize(SENDERS * BATCHES_PER_SENDER * 10);
            assertThat(visibleCount(sqs, url)).isEqualTo(acknowledged.size());

            for (int i = 0; i < 10; i++) {
                List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                        .visibilityTimeout(3)).messages();
                for (int j = 0; j < got.size(); j++) {
                    Message m = got.get(j);
                    if (j % 2 == 0) {
                        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
                        deleted.add(m.body());
                    } else {
                        inFlightBeforeCrash.add(m.body());
                    }
                }
            }
            assertThat(deleted).hasSizeGreaterThan(0);

            killDuringSends(wharf, senders, sqs, url, false);
            sqs.close();
        }

        try (WharfProcess wharf = WharfProcess.start(dataDir)) {
            SqsClient sqs = Clients.sqs(wharf.endpoint());
            String url = sqs.getQueueUrl(r -> r.queueName("backlog")).queueUrl();
            Thread.sleep(3_500); // the messages received before the crash become visible again
            long expectedAtLeast = acknowledged.size() - deleted.size();
            assertThat(visibleCount(sqs, url)).isBetween(expectedAtLeast, attempted.size() - (long) deleted.size());

            Set<String> drained = drainExactlyOnce(sqs, url, deleted);
            assertThat(drained).containsAll(inFlightBeforeCrash);
            assertThat(visibleCount(sqs, url)).isZero();
            sqs.close();
            assertThat(wharf.terminate()).isIn(0, 143);
        }
    }

    @Test
    void delayedMessagesBeyondTheHotWindowSurviveKillNineAndAreDeliveredOnceAfterTheirDelay() throws Exception {
        delayedMessagesSurviveKillNine("delays", Map.of());
    }

    @Test
    void aFifoQueuesDelayedMessagesBeyondTheHotWindowSurviveKillNineAndEachGroupComesInOrderAfterTheDelay()
            throws Exception {
        delayedMessagesSurviveKillNine("delays.fifo",
                Map.of("FifoQueue", "true", "DelaySeconds", Integer.toString(FIFO_DELAY)));
    }

    /**
     * Fills queue {@code name} (created with {@code attributes}) with delayed messages, kills Wharf during more sends,
     * restarts it and drains ({@link #drainDelayedExactlyOnce}).
     */
    private void delayedMessagesSurviveKillNine(String name, Map<String, String> attributes) throws Exception {
        long lastSend;
        try (WharfProcess wharf = WharfProcess.start(dataDir)) {
            SqsClient sqs = Clients.sqs(wharf.endpoint());
            String url = sqs.createQueue(r -> r.queueName(name).attributesWithStrings(attributes)).queueUrl();
            ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
            fill(senders, sqs, url, true);
            assertThat(acknowledged).hasSize(SENDERS * BATCHES_PER_SENDER * 10);
            assertThat(allCounts(sqs, url)).isEqualTo(acknowledged.size());

            killDuringSends(wharf, senders, sqs, url, true);
            lastSend = System.currentTimeMillis();
            sqs.close();
        }

        try (WharfProcess wharf = WharfProcess.start(dataDir)) {
            SqsClient sqs = Clients.sqs(wharf.endpoint());
            String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
            assertThat(allCounts(sqs, url)).isBetween((long) acknowledged.size(), (long) attempted.size());
            drainDelayedExactlyOnce(sqs, url, lastSend);
            sqs.close();
            assertThat(wharf.terminate()).isIn(0, 143);
        }
    }

    /**
     * Receives (600 s visibility, long polls of 1 s) and deletes until the last delay has passed and nothing came for
     * 2 s; checks that none came before its delay ended (by its SentTimestamp), none twice, each FIFO group in the
     * order it was sent, and every acknowledged message came, and nothing else.
     */
    private void drainDelayedExactlyOnce(SqsClient sqs, String url, long lastSend) {
        boolean fifo = url.endsWith(".fifo");
        Drain drain = new Drain();
        List<String> early = new ArrayList<>();
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < lastSend + (MAX_DELAY + 2) * 1000L
                || System.currentTimeMillis() - quietSince < 2_000) {
            List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .visibilityTimeout(600).messageSystemAttributeNamesWithStrings("SentTimestamp", "MessageGroupId"))
                    .messages();
            long receivedAt = System.currentTimeMillis();
            if (got.isEmpty()) {
                continue;
            }
            quietSince = receivedAt;
            for (Message m : got) {
                long sent = Long.parseLong(m.attributesAsStrings().get("SentTimestamp"));
                if (receivedAt < sent + (fifo ? FIFO_DELAY : delayOf(m.body())) * 1000L) {
                    early.add(m.body() + " sent at " + sent + ", received at " + receivedAt);
                }
            }
            drain.deleteAll(sqs, url, got);
        }
        assertThat(early).as("delivered before its delay ended").isEmpty();
        drain.assertOnceInOrder();
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(drain.drained);
        assertThat(lost).as("acknowledged and not received after the restart").isEmpty();
        assertThat(allCounts(sqs, url)).isZero();
    }

    @Test
    void aFifoBacklogBeyondTheHotWindowSurvivesKillNineAndEachGroupDrainsInOrderExactlyOnce() throws Exception {
        Set<String> deleted = new HashSet<>();
        try (WharfProcess wharf = WharfProcess.start(dataDir)) {
            SqsClient sqs = Clients.sqs(wharf.endpoint());
            String url = sqs.createQueue(r -> r.queueName("backlog.fifo").attributesWithStrings(
                    Map.of("FifoQueue", "true"))).queueUrl();
            ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
            fill(senders, sqs, url, false);
            assertThat(acknowledged).hasSize(SENDERS * BATCHES_PER_SENDER * 10);
            assertThat(visibleCount(sqs, url)).isEqualTo(acknowledged.size());
            for (int i = 0; i < 10; i++) {
                List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
                for (Message m : got) {
                    sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
                    deleted.add(m.body());
                }
            }
            assertThat(deleted).hasSizeGreaterThan(0);

            killDuringSends(wharf, senders, sqs, url, false);
            sqs.close();
        }

        try (WharfProcess wharf = WharfProcess.start(dataDir)) {
            SqsClient sqs = Clients.sqs(wharf.endpoint());
            String url = sqs.getQueueUrl(r -> r.queueName("backlog.fifo")).queueUrl();
            assertThat(visibleCount(sqs, url)).isBetween((long) acknowledged.size() - deleted.size(),
                    attempted.size() - (long) deleted.size());

            drainExactlyOnce(sqs, url, deleted);
            assertThat(visibleCount(sqs, url)).isZero();
            sqs.close();
            assertThat(wharf.terminate()).isIn(0, 143);
        }
    }

    /**
     * Receives (600 s visibility) and deletes until a receive returns nothing, then checks that every acknowledged
     * message not deleted before the crash came exactly once, and nothing else; from a FIFO queue, each group in the
     * order it was sent (its sender's increasing sequence). Returns the bodies received.
     */
    private Set<String> drainExactlyOnce(SqsClient sqs, String url, Set<String> deleted) {
        Drain drain = new Drain();
        Set<String> drained = drain.drained;
        List<Message> got;
        while (!(got = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(600)
                .messageSystemAttributeNamesWithStrings("MessageGroupId")).messages()).isEmpty()) {
            drain.deleteAll(sqs, url, got);
        }
        drain.assertOnceInOrder();
        assertThat(drained).as("deleted before the crash, yet received").doesNotContainAnyElementsOf(deleted);
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(deleted);
        lost.removeAll(drained);
        assertThat(lost).as("acknowledged, not deleted, and not received after the restart").isEmpty();
        return drained;
    }

    /**
     * What a drain received: each body once, each FIFO group (its MessageGroupId) in its sender's increasing sequence,
     * and nothing that was never sent.
     */
    private final class Drain {
        final Set<String> drained = new HashSet<>();
        private final List<String> twice = new ArrayList<>();
        private final List<String> outOfOrder = new ArrayList<>();
        private final Map<String, Integer> lastOfGroup = new java.util.HashMap<>();

        /** Notes the messages received and deletes them in one batch. */
        void deleteAll(SqsClient sqs, String url, List<Message> got) {
            List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
            for (Message m : got) {
                if (!drained.add(m.body())) {
                    twice.add(m.body());
                }
                String group = m.attributesAsStrings().get("MessageGroupId");
                int seq = Integer.parseInt(m.body().substring(1));
                Integer before = group == null ? null : lastOfGroup.put(group, seq);
                if (before != null && before > seq) {
                    outOfOrder.add(m.body() + " after m" + before);
                }
                deletes.add(DeleteMessageBatchRequestEntry.builder().id("d" + deletes.size())
                        .receiptHandle(m.receiptHandle()).build());
            }
            assertThat(sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(deletes)).failed()).isEmpty();
        }

        void assertOnceInOrder() {
            assertThat(outOfOrder).as("received out of its group's order").isEmpty();
            assertThat(twice).as("received twice within a 600 s visibility timeout").isEmpty();
            assertThat(attempted).as("never sent, yet received").containsAll(drained);
        }
    }

    /** {@link #SENDERS} senders send {@link #BATCHES_PER_SENDER} batches each, all acknowledged. */
    private void fill(ExecutorService senders, SqsClient sqs, String url, boolean delayed) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            done.add(senders.submit(() -> {
                for (int b = 0; b < BATCHES_PER_SENDER; b++) {
                    sendBatch(sqs, url, delayed, sender);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
    }

    /** Kills Wharf with SIGKILL while {@link #SENDERS} senders keep sending; their last sends may or may not exist. */
    private void killDuringSends(WharfProcess wharf, ExecutorService senders, SqsClient sqs, String url,
                                 boolean delayed) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            senders.submit(() -> {
                while (running.get()) {
                    try {
                        sendBatch(sqs, url, delayed, sender);
                    } catch (SdkException e) {
                        return; // killed under us: these sends may or may not exist
                    }
                }
            });
        }
        Thread.sleep(400);
        wharf.kill9();
        running.set(false);
        senders.shutdown();
        assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    /** Delays of 15 to 19 s: most messages are still delayed when Wharf is killed, and all are due soon after. */
    private static final int MAX_DELAY = 19;
    /** A FIFO queue's DelaySeconds (AWS refuses a delay per message on a FIFO queue). */
    private static final int FIFO_DELAY = 15;

    private static int delayOf(String body) {
        return 15 + Integer.parseInt(body.substring(1)) % 5;
    }

    /**
     * Sends a batch of ten; to a FIFO queue, sender {@code sender}'s messages alternate between its two groups, so
     * each group's messages are sent one after the other by one sender, in increasing sequence.
     */
    private void sendBatch(SqsClient sqs, String url, boolean delayed, int sender) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String body = "m" + sequence.incrementAndGet();
            attempted.add(body);
            boolean fifo = url.endsWith(".fifo");
            entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(body)
                    .delaySeconds(delayed && !fifo ? delayOf(body) : null)
                    .messageGroupId(fifo ? "g" + (sender * 2 + i % 2) : null)
                    .messageDeduplicationId(fifo ? body : null).build());
        }
        List<SendMessageBatchResultEntry> ok = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries)).successful();
        for (SendMessageBatchResultEntry entry : ok) {
            acknowledged.add(entries.get(Integer.parseInt(entry.id().substring(1))).messageBody());
        }
    }

    /** Visible, in flight and delayed messages (exact on Wharf). */
    private static long allCounts(SqsClient sqs, String url) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.ALL)).attributes();
        return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    /** ApproximateNumberOfMessages + ApproximateNumberOfMessagesNotVisible (exact on Wharf). */
    private static long visibleCount(SqsClient sqs, String url) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
