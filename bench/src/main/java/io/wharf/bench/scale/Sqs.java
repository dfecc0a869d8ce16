package io.wharf.bench.scale;

import io.wharf.bench.sqs.SqsClients;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/** Queue set-up shared by the SQS cases. */
final class Sqs {
    private static final long RESTART_RECEIVE_TIMEOUT_NANOS = 30L * 60 * 1_000_000_000L;

    private Sqs() {
    }

    /**
     * Kills the server (SIGKILL) and starts it on the same data directory ({@link ScaleServer#killAndRestart}), then
     * receives from {@code queueName} until a message comes; puts "restart: until listening" and "heap after
     * restart" into {@code extra} and returns the milliseconds from the kill until that message.
     */
    static long restartUntilReceived(ScaleServer server, String queueName, java.util.Map<String, String> extra)
            throws Exception {
        return restartUntil(server, queueName, extra, "no message received",
                (sqs, queueUrl) -> !sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1)
                        .waitTimeSeconds(1)).join().messages().isEmpty());
    }

    /**
     * As {@link #restartUntilReceived}, but asks for the queue's counts until visible, in-flight and delayed messages
     * add up to {@code expected} (a queue of delayed messages, where no receive answers for a while).
     */
    static long restartUntilCounted(ScaleServer server, String queueName, long expected,
                                    java.util.Map<String, String> extra) throws Exception {
        return restartUntil(server, queueName, extra, "the queue did not count " + expected + " messages",
                (sqs, queueUrl) -> {
                    java.util.Map<String, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                            .attributeNamesWithStrings("All")).join().attributesAsStrings();
                    long total = Long.parseLong(counts.get("ApproximateNumberOfMessages"))
                            + Long.parseLong(counts.get("ApproximateNumberOfMessagesNotVisible"))
                            + Long.parseLong(counts.get("ApproximateNumberOfMessagesDelayed"));
                    if (total < expected) {
                        Thread.sleep(100);
                    }
                    return total >= expected;
                });
    }

    /** Whether the restarted queue answers as it should yet (called again until it does). */
    private interface Answered {
        boolean test(SqsAsyncClient sqs, String queueUrl) throws InterruptedException;
    }

    /** Kills and restarts the server, then asks {@code answered} until it says yes; the figures as described above. */
    private static long restartUntil(ScaleServer server, String queueName, java.util.Map<String, String> extra,
                                     String failure, Answered answered) throws Exception {
        long start = System.nanoTime();
        server.killAndRestart();
        long listening = System.nanoTime();
        try (SqsAsyncClient sqs = client(server.endpoint(), 1)) {
            String queueUrl = sqs.getQueueUrl(b -> b.queueName(queueName)).join().queueUrl();
            while (!answered.test(sqs, queueUrl)) {
                if (System.nanoTime() - start > RESTART_RECEIVE_TIMEOUT_NANOS) {
                    throw new IllegalStateException(failure + " within 30 min of the restart");
                }
            }
        }
        long answeredAt = System.nanoTime();
        extra.put("restart: until listening", (listening - start) / 1_000_000 + " ms");
        extra.put("heap after restart", ScaleResult.mib(server.usedHeapAfterGc()));
        return (answeredAt - start) / 1_000_000;
    }

    static SqsAsyncClient client(URI endpoint, int callers) {
        return SqsClients.create(endpoint, callers);
    }

    /** Creates {@code count} queues named {@code prefix-<i>}, 32 calls in flight; their URLs in order. */
    static List<String> createQueues(SqsAsyncClient sqs, String prefix, int count) throws InterruptedException {
        Semaphore permits = new Semaphore(32);
        List<CompletableFuture<String>> urls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = prefix + "-" + i;
            permits.acquire();
            urls.add(sqs.createQueue(b -> b.queueName(name)).thenApply(r -> r.queueUrl())
                    .whenComplete((url, failure) -> permits.release()));
        }
        return urls.stream().map(CompletableFuture::join).toList();
    }

    static String body(int bytes) {
        return "m".repeat(Math.max(1, bytes));
    }
}
