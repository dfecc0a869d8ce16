package io.wharf.it.crash;

import io.wharf.it.sns.SnsSignatures;
import io.wharf.it.sns.Webhook;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
 * SNS fan-out through real crashes: a topic with {@value #QUEUES} raw SQS subscriptions and one raw HTTP
 * subscription (a webhook in the test that refuses every 7th POST with 503, so retries are pending), publishers running,
 * Wharf killed with SIGKILL at a random moment (often between a Publish's answer and its deliveries), restarted
 * on the same data directory. Invariants: topics and subscriptions survive; every acknowledged publish reaches
 * every queue and the webhook at least once (the outbox is redelivered on start, HTTP retries resume); nothing
 * arrives that was never published.
 * The seed is printed; replay with {@code -Dcrash.seed=<seed>}.
 */
class SnsCrashIT {
    private static final int ROUNDS = Integer.getInteger("crash.rounds", 3);
    private static final int QUEUES = 10;

    @TempDir
    Path dataDir;

    private final Set<String> attempted = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();

    /** Retries a second apart, so the webhook catches up quickly after each restart. */
    private static final String FAST_RETRIES = "{\"healthyRetryPolicy\":{\"minDelayTarget\":1,"
            + "\"maxDelayTarget\":1,\"numRetries\":20}}";

    @Test
    void acknowledgedPublishesReachEverySubscriptionAfterKillNine() throws Exception {
        try (Webhook webhook = new Webhook()) {
            run(webhook);
        }
    }

    private void run(Webhook webhook) throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("SnsCrashIT seed=" + seed + " (replay with -Dcrash.seed=" + seed + ")");
        Random random = new Random(seed);
        String topicArn;
        List<String> queueUrls = new ArrayList<>();
        try (WharfProcess wharf = WharfProcess.start(dataDir);
             SnsClient sns = Clients.sns(wharf.endpoint()); SqsClient sqs = Clients.sqs(wharf.endpoint())) {
            topicArn = sns.createTopic(r -> r.name("crash")).topicArn();
            for (int i = 0; i < QUEUES; i++) {
                int n = i;
                String url = sqs.createQueue(r -> r.queueName("crash-" + n)).queueUrl();
                queueUrls.add(url);
                String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes().get(QueueAttributeName.QUEUE_ARN);
                sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(arn)
                        .attributes(Map.of("RawMessageDelivery", "true")));
            }
            sns.subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint(webhook.url("/crash"))
                    .attributes(Map.of("RawMessageDelivery", "true", "DeliveryPolicy", FAST_RETRIES)));
            String subscribeUrl = SnsSignatures.parse(webhook.next("SubscriptionConfirmation", Duration.ofSeconds(10))
                    .body()).path("SubscribeURL").asText();
            assertThat(SnsSignatures.get(subscribeUrl).statusCode()).isEqualTo(200);
            webhook.failEvery(7);
            wharf.terminate();
        }
        for (int round = 0; round < ROUNDS; round++) {
            try (WharfProcess wharf = WharfProcess.start(dataDir); SnsClient sns = Clients.sns(wharf.endpoint())) {
                assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions()).hasSize(QUEUES + 1);
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService publishers = Executors.newFixedThreadPool(4);
                for (int p = 0; p < 4; p++) {
                    publishers.submit(() -> {
                        while (running.get()) {
                            String id = "m-" + sequence.incrementAndGet();
                            attempted.add(id);
                            try {
                                sns.publish(r -> r.topicArn(topicArn).message(id));
                                acknowledged.add(id);
                            } catch (SdkException e) {
                                return; // the server went away mid-request
                            }
                        }
                    });
                }
                Thread.sleep(300 + random.nextInt(1200));
                wharf.kill9();
                running.set(false);
                publishers.shutdown();
                assertThat(publishers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
        }
        System.out.println("SnsCrashIT: " + acknowledged.size() + " acknowledged of " + attempted.size()
                + " attempted publishes over " + ROUNDS + " kills");
        assertThat(acknowledged).isNotEmpty();
        try (WharfProcess wharf = WharfProcess.start(dataDir); SqsClient sqs = Clients.sqs(wharf.endpoint())) {
            for (String url : queueUrls) {
                Set<String> received = drain(sqs, url);
                assertThat(attempted).as("only published messages arrive").containsAll(received);
                Set<String> missing = new HashSet<>(acknowledged);
                missing.removeAll(received);
                assertThat(missing).as("acknowledged publishes missing from " + url).isEmpty();
            }
            Set<String> posted = new HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!posted.containsAll(acknowledged) && System.nanoTime() < deadline) {
                webhook.drain(Duration.ofMillis(500)).stream()
                        .filter(p -> "Notification".equals(p.header("x-amz-sns-message-type")))
                        .forEach(p -> posted.add(p.body()));
            }
            assertThat(attempted).as("only published messages are posted").containsAll(posted);
            Set<String> missing = new HashSet<>(acknowledged);
            missing.removeAll(posted);
            assertThat(missing).as("acknowledged publishes never posted to the webhook").isEmpty();
        }
    }

    /** Receives until everything acknowledged arrived, or nothing more comes for a while. */
    private Set<String> drain(SqsClient sqs, String url) {
        Set<String> received = new HashSet<>();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(5) && !received.containsAll(acknowledged)) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            if (!batch.isEmpty()) {
                quietSince = System.nanoTime();
            }
            for (Message m : batch) {
                received.add(m.body());
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return received;
    }
}
