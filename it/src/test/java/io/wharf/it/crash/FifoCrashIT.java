package io.wharf.it.crash;

import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FIFO durability through real crashes. Producers send numbered messages over several groups (each group has
 * one producer; the deduplication id is the message's name, so a send whose answer was lost to the crash is
 * simply repeated after the restart, and sometimes a send is repeated on purpose); consumers receive and
 * delete. Wharf is killed with SIGKILL at random moments (≥ 3 times) and restarted on the same data, then the
 * queue is drained. Invariants, per group:
 * <ol>
 *   <li>a message is only received once every earlier message of its group had its delete sent (ordering
 *       never goes backwards, except that a message whose delete was not acknowledged may come again);</li>
 *   <li>no message is received by a receive that started after its delete was acknowledged (so no
 *       deduplicated send is ever delivered as a second copy);</li>
 *   <li>every acknowledged send is received; what was received is a gapless prefix of what was sent.</li>
 * </ol>
 * The seed is printed; replay with {@code -Dcrash.seed=<seed>}.
 */
class FifoCrashIT {
    private static final int KILLS = Integer.getInteger("crash.rounds", 3);
    private static final int GROUPS = 12;
    private static final int PRODUCERS = 3;
    private static final int CONSUMERS = 3;
    private static final String QUEUE = "crash.fifo";

    @TempDir
    Path dataDir;

    private final int[] next = new int[GROUPS];
    private final int[] attemptedUpTo = new int[GROUPS];
    private final int[] acknowledgedUpTo = new int[GROUPS];
    private final BitSet[] deleteSent = new BitSet[GROUPS];
    private final BitSet[] received = new BitSet[GROUPS];
    private final Map<String, Long> deleteAcknowledgedAt = new ConcurrentHashMap<>();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    {
        for (int g = 0; g < GROUPS; g++) {
            attemptedUpTo[g] = -1;
            acknowledgedUpTo[g] = -1;
            deleteSent[g] = new BitSet();
            received[g] = new BitSet();
        }
    }

    private static SqsClient client(WharfProcess wharf) {
        return Clients.sqs(wharf.endpoint());
    }

    private static String createQueue(SqsClient sqs, String visibility) {
        return sqs.createQueue(r -> r.queueName(QUEUE).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.VISIBILITY_TIMEOUT, visibility))).queueUrl();
    }

    @Test
    void groupOrderAndDeduplicationSurviveKillNine() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("FifoCrashIT seed=" + seed + " (replay with -Dcrash.seed=" + seed + ")");
        Random random = new Random(seed);

        for (int round = 0; round < KILLS; round++) {
            try (WharfProcess wharf = WharfProcess.start(dataDir)) {
                SqsClient sqs = client(wharf);
                String url = createQueue(sqs, "2");
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService load = Executors.newVirtualThreadPerTaskExecutor();
                for (int p = 0; p < PRODUCERS; p++) {
                    int producer = p;
                    long producerSeed = random.nextLong();
                    load.submit(() -> produce(sqs, url, producer, new Random(producerSeed), running));
                }
                for (int c = 0; c < CONSUMERS; c++) {
                    int consumer = c;
                    load.submit(() -> consume(sqs, url, "r" + consumer, running));
                }
                long killAfterMillis = 700 + random.nextInt(1800);
                Thread.sleep(killAfterMillis);
                wharf.kill9();
                running.set(false);
                load.shutdown();
                assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
                sqs.close();
                System.out.printf("round %d: killed pid %d after %d ms; sent %d, deletes acknowledged %d%n",
                        round, wharf.pid(), killAfterMillis, sum(acknowledgedUpTo) + GROUPS,
                        deleteAcknowledgedAt.size());
            }
        }

        try (WharfProcess wharf = WharfProcess.start(dataDir)) {
            SqsClient sqs = client(wharf);
            String url = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
            drain(sqs, url);
            sqs.close();
            assertThat(wharf.terminate()).isIn(0, 143);
        }

        assertThat(violations).as("order or deduplication violated (seed " + seed + ")").isEmpty();
        int acknowledged = 0;
        for (int g = 0; g < GROUPS; g++) {
            BitSet lost = new BitSet();
            lost.set(0, acknowledgedUpTo[g] + 1);
            lost.andNot(received[g]);
            assertThat(lost.toString()).as("group " + g + ": acknowledged sends never received (seed " + seed + ")")
                    .isEqualTo("{}");
            assertThat(received[g].nextClearBit(0)).as("group " + g + ": received a gapless prefix (seed " + seed
                    + ")").isEqualTo(received[g].length());
            acknowledged += acknowledgedUpTo[g] + 1;
        }
        assertThat(acknowledged).as("the load produced something to check").isGreaterThan(50);
    }

    /** Attempt ids, group locks and the deduplication window are in the store, not only in memory. */
    @Test
    void attemptIdsGroupLocksAndDeduplicationSurviveKillNine() throws Exception {
        List<String> handles;
        String firstId;
        try (WharfProcess wharf = WharfProcess.start(dataDir)) {
            SqsClient sqs = client(wharf);
            String url = createQueue(sqs, "120");
            for (String body : List.of("a1", "a2", "b1")) {
                sqs.sendMessage(r -> r.queueUrl(url).messageBody(body).messageGroupId(body.substring(0, 1))
                        .messageDeduplicationId(body));
            }
            List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                    .receiveRequestAttemptId("before-the-crash")).messages();
            assertThat(got).extracting(Message::body).containsExactly("a1", "a2", "b1");
            handles = got.stream().map(Message::receiptHandle).toList();
            firstId = got.get(0).messageId();
            sqs.close();
            wharf.kill9();
        }
        try (WharfProcess wharf = WharfProcess.start(dataDir)) {
            SqsClient sqs = client(wharf);
            String url = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("a3").messageGroupId("a").messageDeduplicationId("a3"));
            assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages())
                    .as("both groups are still locked").isEmpty();
            List<Message> retry = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                    .receiveRequestAttemptId("before-the-crash")).messages();
            assertThat(retry).extracting(Message::receiptHandle).containsExactlyElementsOf(handles);
            assertThat(sqs.sendMessage(r -> r.queueUrl(url).messageBody("again").messageGroupId("a")
                    .messageDeduplicationId("a1")).messageId()).isEqualTo(firstId);
            for (Message m : retry) {
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
            assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages())
                    .extracting(Message::body).containsExactly("a3");
            sqs.close();
        }
    }

    private static int sum(int[] values) {
        int s = 0;
        for (int v : values) {
            s += v;
        }
        return s;
    }

    private static String name(int group, int n) {
        return group + ":" + n;
    }

    /** Sends each of its groups' messages in order; a send without an answer is repeated with the same ids. */
    private void produce(SqsClient sqs, String url, int producer, Random random, AtomicBoolean running) {
        List<Integer> mine = new ArrayList<>();
        for (int g = producer; g < GROUPS; g += PRODUCERS) {
            mine.add(g);
        }
        while (running.get()) {
            int g = mine.get(random.nextInt(mine.size()));
            int n = next[g];
            int count = random.nextInt(3) == 0 ? 2 + random.nextInt(9) : 1;
            synchronized (received[g]) {
                attemptedUpTo[g] = Math.max(attemptedUpTo[g], n + count - 1);
            }
            try {
                String lastId;
                if (count == 1) {
                    lastId = sqs.sendMessage(r -> r.queueUrl(url).messageBody(name(g, n)).messageGroupId("g" + g)
                            .messageDeduplicationId(name(g, n))).messageId();
                } else {
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(name(g, n + i))
                                .messageGroupId("g" + g).messageDeduplicationId(name(g, n + i)).build());
                    }
                    List<SendMessageBatchResultEntry> ok = sqs.sendMessageBatch(r -> r.queueUrl(url)
                            .entries(entries)).successful();
                    if (ok.size() != count) {
                        violations.add("batch send partly failed: " + ok);
                        return;
                    }
                    lastId = ok.stream().max(Comparator.comparingInt(e -> Integer.parseInt(e.id().substring(1))))
                            .orElseThrow().messageId();
                }
                if (random.nextInt(4) == 0) {
                    int last = n + count - 1;
                    String again = sqs.sendMessage(r -> r.queueUrl(url).messageBody(name(g, last))
                            .messageGroupId("g" + g).messageDeduplicationId(name(g, last))).messageId();
                    if (!again.equals(lastId)) {
                        violations.add("a repeated send of " + name(g, last) + " was not deduplicated");
                    }
                }
                acknowledgedUpTo[g] = n + count - 1;
                next[g] = n + count;
            } catch (SdkException e) {
                return; // the server died under us: this send may or may not exist; repeated next round
            }
        }
    }

    private void consume(SqsClient sqs, String url, String consumer, AtomicBoolean running) {
        long attempt = 0;
        while (running.get()) {
            try {
                receiveAndDelete(sqs, url, consumer + "-" + attempt++);
            } catch (SdkException e) {
                return;
            }
        }
    }

    /** One receive; returns how many messages it got. */
    private int receiveAndDelete(SqsClient sqs, String url, String attemptId) {
        long started = System.nanoTime();
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                .receiveRequestAttemptId(attemptId)).messages();
        for (Message m : messages) {
            String[] parts = m.body().split(":");
            int g = Integer.parseInt(parts[0]);
            int n = Integer.parseInt(parts[1]);
            synchronized (received[g]) {
                if (n > attemptedUpTo[g]) {
                    violations.add("never sent: " + m.body());
                }
                Long deletedAt = deleteAcknowledgedAt.get(m.body());
                if (deletedAt != null && started > deletedAt) {
                    violations.add("received again after its delete was acknowledged: " + m.body());
                }
                int firstNotDeleted = deleteSent[g].nextClearBit(0);
                if (firstNotDeleted < n) {
                    violations.add("out of order: " + m.body() + " while " + name(g, firstNotDeleted)
                            + " was never deleted");
                }
                received[g].set(n);
                deleteSent[g].set(n);
            }
            try {
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
                deleteAcknowledgedAt.putIfAbsent(m.body(), System.nanoTime());
            } catch (SqsException e) {
                // the handle expired (a slow consumer): the message comes again, which is allowed
            }
        }
        return messages.size();
    }

    private void drain(SqsClient sqs, String url) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int emptyPolls = 0;
        long attempt = 0;
        while (System.nanoTime() < deadline) {
            if (receiveAndDelete(sqs, url, "drain-" + attempt++) == 0 && QueueCounts.empty(sqs, url)
                    && ++emptyPolls >= 2) {
                return;
            }
        }
        throw new AssertionError("the queue did not drain within 60 s");
    }
}
