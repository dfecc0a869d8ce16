package io.wharf.it.sns;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** One Wharf per test class with SNS and SQS clients; helpers to make topics, queues and read deliveries. */
abstract class SnsTestBase {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    protected SnsClient sns;
    protected SqsClient sqs;

    @BeforeEach
    void clients() {
        sns = Clients.sns(WHARF.endpoint());
        sqs = WHARF.sqs();
    }

    @AfterEach
    void closeSns() {
        sns.close();
    }

    protected static String unique(String base) {
        return base + "-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    protected String topic(String base) {
        String name = unique(base);
        return sns.createTopic(r -> r.name(name)).topicArn();
    }

    /**
     * A fresh queue: its URL and ARN. Its policy lets SNS deliver to it for any topic of the account, as a queue on
     * AWS must say before any topic can reach it (checked when the server enforces policies).
     */
    protected Queue queue(String base, Map<QueueAttributeName, String> attributes) {
        String name = unique(base) + (attributes.containsKey(QueueAttributeName.FIFO_QUEUE) ? ".fifo" : "");
        String url = sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY,
                snsMaySend(arn, "arn:aws:sns:*:000000000000:*"))));
        return new Queue(url, arn);
    }

    /** A queue policy that lets SNS send to {@code queueArn} for topics matching {@code topicArnPattern}. */
    protected static String snsMaySend(String queueArn, String topicArnPattern) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queueArn + "\","
                + "\"Condition\":{\"ArnLike\":{\"aws:SourceArn\":\"" + topicArnPattern + "\"}}}]}";
    }

    protected Queue queue(String base) {
        return queue(base, Map.of());
    }

    protected record Queue(String url, String arn) {
    }

    protected String subscribe(String topicArn, Queue queue, Map<String, String> attributes) {
        return sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queue.arn()).attributes(attributes))
                .subscriptionArn();
    }

    /** Receives until {@code count} messages arrived (deleting them) or the deadline passed. */
    protected List<Message> receive(Queue queue, int count, Duration within) {
        List<Message> received = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")).messages();
            for (Message m : batch) {
                received.add(m);
                sqs.deleteMessage(r -> r.queueUrl(queue.url()).receiptHandle(m.receiptHandle()));
            }
        }
        return received;
    }

    protected List<Message> receive(Queue queue, int count) {
        return receive(queue, count, Duration.ofSeconds(10));
    }
}
