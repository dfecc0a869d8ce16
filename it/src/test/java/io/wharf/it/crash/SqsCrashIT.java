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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability through real crashes: Wharf runs as a child process with producers (single and batch sends)
 * and consumers (receive + delete) hammering it; it is killed with SIGKILL at a random moment, restarted
 * on the same data directory, and the load resumes. After the last round the queue is drained. Invariants:
 * <ol>
 *   <li>every message whose send was acknowledged is received at least once;</li>
 *   <li>no message is received by a receive that started after its delete was acknowledged;</li>
 *   <li>no message appears that was never sent.</li>
 * </ol>
 * The seed is printed; replay a failure with {@code -Dcrash.seed=<seed>}.
 */
class SqsCrashIT {
    private static final int ROUNDS = Integer.getInteger("crash.rounds", 5);

    @TempDir
    Path dataDir;

    private final Set<String> attempted = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> deleteAcknowledgedAt = new ConcurrentHashMap<>();
    private final Set<String> received = ConcurrentHashMap.newKeySet();
    private final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong sequence = new AtomicLong();

    @Test
    void acknowledgedWritesSurviveKillNine() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("SqsCrashIT seed=" + seed + " (replay with -Dcrash.seed=" + seed + ")");
        Random random = new Random(seed);

        for (int round = 0; round < ROUNDS; round++) {
            try (WharfProcess wharf = WharfProcess.start(dataDir)) {
                SqsClient sqs = Clients.sqs(wharf.endpoint());
                String url = sqs.createQueue(r -> r.queueName("crash")
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "2"))).queueUrl();
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService load = Executors.newVirtualThreadPerTaskExecutor();
                for (int p = 0; p < 3; p++) {
                    int producer = p;
                    int currentRound = round;
                    load.submit(() -> produce(sqs, url, currentRound, producer, running));
                }
                for (int c = 0; c < 2; c++) {
                    load.submit(() -> consume(sqs, url, running));
                }
                long killAfterMillis = 300 + random.nextInt(1200);
                Thread.sleep(killAfterMillis);
                wharf.kill9();
                running.set(false);
                load.shutdown();
                assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
                sqs.close();
                System.out.printf("round %d: killed pid %d after %d ms; acknowledged %d, deleted %d%n",
                        round, wharf.pid(), killAfterMillis, acknowledged.size(), deleteAcknowledgedAt.size());
            }
        }

        try (WharfProcess wharf = WharfProcess.start(dataDir)) {
            SqsClient sqs = Clients.sqs(wharf.endpoint());
            String url = sqs.getQueueUrl(r -> r.queueName("crash")).queueUrl();
            drain(sqs, url);
            sqs.close();
            assertThat(wharf.terminate()).isIn(0, 143);
        }

        assertThat(violations).as("messages received after their delete was acknowledged, or never sent").isEmpty();
        Set<String> lost = new java.util.HashSet<>(acknowledged);
        lost.removeAll(received);
        assertThat(lost).as("acknowledged sends never received (seed " + seed + ")").isEmpty();
        assertThat(acknowledged).as("the load produced something to check").hasSizeGreaterThan(50);
    }

    private void produce(SqsClient sqs, String url, int round, int producer, AtomicBoolean running) {
        while (running.get()) {
            try {
                if (sequence.get() % 3 == 0) {
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        String body = "r" + round + "-p" + producer + "-" + sequence.incrementAndGet();
                        attempted.add(body);
                        entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(body).build());
                    }
                    List<SendMessageBatchResultEntry> ok = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries))
                            .successful();
                    for (SendMessageBatchResultEntry entry : ok) {
                        acknowledged.add(entries.get(Integer.parseInt(entry.id().substring(1))).messageBody());
                    }
                } else {
                    String body = "r" + round + "-p" + producer + "-" + sequence.incrementAndGet();
                    attempted.add(body);
                    sqs.sendMessage(r -> r.queueUrl(url).messageBody(body));
                    acknowledged.add(body);
                }
            } catch (SdkException e) {
                return; // the server died under us; unacknowledged sends may or may not exist
            }
        }
    }

    private void consume(SqsClient sqs, String url, AtomicBoolean running) {
        while (running.get()) {
            try {
                receiveAndDelete(sqs, url);
            } catch (SdkException e) {
                return;
            }
        }
    }

    /** One receive (long poll of 1 s); records and deletes what came back; returns how many. */
    private int receiveAndDelete(SqsClient sqs, String url) {
        long started = System.nanoTime();
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                .waitTimeSeconds(1)).messages();
        for (Message m : messages) {
            record(m.body(), started);
            sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            deleteAcknowledgedAt.putIfAbsent(m.body(), System.nanoTime());
        }
        return messages.size();
    }

    private void record(String body, long receiveStartedNanos) {
        if (!attempted.contains(body)) {
            violations.add("never sent: " + body);
        }
        Long deletedAt = deleteAcknowledgedAt.get(body);
        if (deletedAt != null && receiveStartedNanos > deletedAt) {
            violations.add("received again after its delete was acknowledged: " + body);
        }
        received.add(body);
    }

    private void drain(SqsClient sqs, String url) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int emptyPolls = 0;
        while (System.nanoTime() < deadline) {
            if (receiveAndDelete(sqs, url) == 0 && QueueCounts.empty(sqs, url) && ++emptyPolls >= 2) {
                return;
            }
        }
        throw new AssertionError("the queue did not drain within 60 s");
    }
}
