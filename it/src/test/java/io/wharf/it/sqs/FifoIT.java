package io.wharf.it.sqs;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * FIFO queues through the SDK for Java v2 (sqs.md §2.4–2.7, §3.11): queue rules, deduplication (scope, window,
 * original MessageId and SequenceNumber), batch order, same-group-first receives, group locks,
 * ReceiveRequestAttemptId, expired handles, and many producers and consumers over many groups.
 */
class FifoIT extends SqsTestBase {

    private String fifo(String base, Map<QueueAttributeName, String> extra) {
        Map<QueueAttributeName, String> attributes = new HashMap<>(extra);
        attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        return sqs.createQueue(r -> r.queueName(unique(base) + ".fifo").attributes(attributes)).queueUrl();
    }

    private String contentFifo(String base) {
        return fifo(base, Map.of(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
    }

    private static void assertError(Runnable call, String code, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SqsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }

    private List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::body).toList();
    }

    @Test
    void queueRules() {
        String name = unique("rules");
        assertError(() -> sqs.createQueue(r -> r.queueName(name)
                        .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))),
                "InvalidParameterValue", "must end with .fifo suffix");
        assertError(() -> sqs.createQueue(r -> r.queueName(name + ".fifo")), "InvalidParameterValue", ".fifo");
        assertError(() -> sqs.createQueue(r -> r.queueName(name + ".fifo").attributes(Map.of(
                        QueueAttributeName.FIFO_QUEUE, "true",
                        QueueAttributeName.FIFO_THROUGHPUT_LIMIT, "perMessageGroupId"))),
                "InvalidAttributeValue", "The perMessageGroupId value is allowed only when the value for "
                        + "DeduplicationScope is messageGroup");
        assertError(() -> sqs.createQueue(r -> r.queueName(name + ".fifo").attributes(Map.of(
                        QueueAttributeName.FIFO_QUEUE, "true",
                        QueueAttributeName.DEDUPLICATION_SCOPE, "group"))),
                "InvalidAttributeValue", "DeduplicationScope");
        String standard = queue("std");
        assertError(() -> sqs.setQueueAttributes(r -> r.queueUrl(standard).attributes(Map.of(
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))), "InvalidAttributeName",
                "Unknown Attribute ContentBasedDeduplication.");
        assertError(() -> sqs.setQueueAttributes(r -> r.queueUrl(standard).attributes(Map.of(
                QueueAttributeName.DEDUPLICATION_SCOPE, "queue"))), "InvalidAttributeName",
                "You can specify the DeduplicationScope only when FifoQueue is set to true.");
        assertError(() -> sqs.setQueueAttributes(r -> r.queueUrl(standard).attributes(Map.of(
                QueueAttributeName.FIFO_THROUGHPUT_LIMIT, "perQueue"))), "InvalidAttributeName",
                "You can specify the FifoThroughputLimit only when FifoQueue is set to true.");
        assertError(() -> sqs.setQueueAttributes(r -> r.queueUrl(standard).attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true"))), "InvalidAttributeName", "Unknown Attribute FifoQueue.");

        String high = fifo("high", Map.of(QueueAttributeName.DEDUPLICATION_SCOPE, "messageGroup",
                QueueAttributeName.FIFO_THROUGHPUT_LIMIT, "perMessageGroupId"));
        assertThat(attribute(high, QueueAttributeName.FIFO_THROUGHPUT_LIMIT)).isEqualTo("perMessageGroupId");
        // going back to a queue-wide scope while the limit stays per group is the combination AWS refuses
        assertError(() -> sqs.setQueueAttributes(r -> r.queueUrl(high).attributes(Map.of(
                QueueAttributeName.DEDUPLICATION_SCOPE, "queue"))), "InvalidAttributeValue", "perMessageGroupId");
        assertError(() -> sqs.setQueueAttributes(r -> r.queueUrl(high).attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "false"))), "InvalidAttributeValue",
                "Modifying queue type is not supported.");
        sqs.setQueueAttributes(r -> r.queueUrl(high).attributes(Map.of(
                QueueAttributeName.DEDUPLICATION_SCOPE, "queue", QueueAttributeName.FIFO_THROUGHPUT_LIMIT, "perQueue",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true")));
        assertThat(attribute(high, QueueAttributeName.DEDUPLICATION_SCOPE)).isEqualTo("queue");

        String standardArn = attribute(standard, QueueAttributeName.QUEUE_ARN);
        String fifoArn = attribute(high, QueueAttributeName.QUEUE_ARN);
        assertError(() -> sqs.setQueueAttributes(r -> r.queueUrl(high).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + standardArn
                        + "\",\"maxReceiveCount\":3}"))), "InvalidParameterValue",
                "Fifo queues cannot use non fifo dead letter queues.");
        assertError(() -> sqs.setQueueAttributes(r -> r.queueUrl(standard).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + fifoArn
                        + "\",\"maxReceiveCount\":3}"))), "InvalidParameterValue",
                "Standard queues cannot use fifo dead letter queues.");
    }

    @Test
    void duplicatesAreAcceptedNotEnqueuedAndAnsweredWithTheOriginal() {
        String url = fifo("dedup", Map.of());
        SendMessageResponse first = sqs.sendMessage(r -> r.queueUrl(url).messageBody("a").messageGroupId("g1")
                .messageDeduplicationId("d"));
        SendMessageResponse again = sqs.sendMessage(r -> r.queueUrl(url).messageBody("other").messageGroupId("g2")
                .messageDeduplicationId("d"));
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.sequenceNumber()).isEqualTo(first.sequenceNumber());
        assertThat(again.md5OfMessageBody()).isNotEqualTo(first.md5OfMessageBody()); // of what was sent

        String perGroup = fifo("dedup-group", Map.of(QueueAttributeName.DEDUPLICATION_SCOPE, "messageGroup",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
        String a = sqs.sendMessage(r -> r.queueUrl(perGroup).messageBody("same").messageGroupId("g1")).messageId();
        String b = sqs.sendMessage(r -> r.queueUrl(perGroup).messageBody("same").messageGroupId("g2")).messageId();
        String c = sqs.sendMessage(r -> r.queueUrl(perGroup).messageBody("same").messageGroupId("g1")).messageId();
        assertThat(b).isNotEqualTo(a);
        assertThat(c).isEqualTo(a);
        assertThat(attribute(perGroup, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("2");

        // a batch keeps the group's order, and a duplicate inside it is answered like any other
        String batch = contentFifo("batch");
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (String body : List.of("1", "2", "1", "3")) {
            entries.add(SendMessageBatchRequestEntry.builder().id("e" + entries.size()).messageBody(body)
                    .messageGroupId("g").build());
        }
        List<SendMessageBatchResultEntry> ok = sqs.sendMessageBatch(r -> r.queueUrl(batch).entries(entries))
                .successful();
        assertThat(ok).hasSize(4);
        Map<String, SendMessageBatchResultEntry> byId = new HashMap<>();
        ok.forEach(e -> byId.put(e.id(), e));
        assertThat(byId.get("e2").messageId()).isEqualTo(byId.get("e0").messageId());
        assertThat(new BigInteger(byId.get("e3").sequenceNumber()))
                .isGreaterThan(new BigInteger(byId.get("e1").sequenceNumber()));
        assertThat(bodies(sqs.receiveMessage(r -> r.queueUrl(batch).maxNumberOfMessages(10)).messages()))
                .containsExactly("1", "2", "3");
        // per-message delays are refused on FIFO queues, also in a batch
        var delayed = sqs.sendMessageBatch(r -> r.queueUrl(batch).entries(SendMessageBatchRequestEntry.builder()
                .id("x").messageBody("d").messageGroupId("g").delaySeconds(5).build())).failed();
        assertThat(delayed).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("InvalidParameterValue");
            assertThat(f.message()).contains("The request include parameter that is not valid for this queue type.");
        });
    }

    @Test
    void aReceiveFillsFromOneGroupFirstAndLocksIt() {
        String url = contentFifo("fill");
        for (String body : List.of("a1", "b1", "a2", "c1", "b2", "a3")) {
            sqs.sendMessage(r -> r.queueUrl(url).messageBody(body).messageGroupId(body.substring(0, 1)));
        }
        List<Message> first = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(2)).messages();
        assertThat(bodies(first)).containsExactly("a1", "a2");
        assertThat(bodies(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages()))
                .containsExactly("b1", "b2", "c1");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages()).isEmpty();
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(first.get(0).receiptHandle()));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages()).isEmpty();
        // releasing the in-flight one unlocks the group: a2 comes back before a3
        sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(first.get(1).receiptHandle())
                .visibilityTimeout(0));
        assertThat(bodies(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages()))
                .containsExactly("a2", "a3");
    }

    @Test
    void aRetriedReceiveWithTheSameAttemptIdGetsTheSameMessagesAndHandles() {
        String url = contentFifo("attempt");
        for (String body : List.of("a1", "a2", "b1")) {
            sqs.sendMessage(r -> r.queueUrl(url).messageBody(body).messageGroupId(body.substring(0, 1)));
        }
        ReceiveMessageResponse first = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                .receiveRequestAttemptId("attempt-1"));
        ReceiveMessageResponse retry = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                .receiveRequestAttemptId("attempt-1"));
        assertThat(bodies(first.messages())).containsExactly("a1", "a2", "b1");
        assertThat(retry.messages()).extracting(Message::receiptHandle)
                .containsExactlyElementsOf(first.messages().stream().map(Message::receiptHandle).toList());
        // another attempt id is a fresh receive: everything is locked
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                .receiveRequestAttemptId("attempt-2")).messages()).isEmpty();
        // once one of them is deleted the retry no longer applies
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(first.messages().get(2).receiptHandle()));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                .receiveRequestAttemptId("attempt-1")).messages()).isEmpty();
        assertError(() -> sqs.receiveMessage(r -> r.queueUrl(url).receiveRequestAttemptId("has space")),
                "InvalidParameterValue", "ReceiveRequestAttemptId");
    }

    @Test
    void expiredHandlesAreRefused() {
        String url = contentFifo("expired");
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("x").messageGroupId("g"));
        Message m = sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages().get(0);
        assertThat(m.attributes()).containsKeys(MessageSystemAttributeName.SEQUENCE_NUMBER,
                MessageSystemAttributeName.MESSAGE_GROUP_ID, MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID);
        assertError(() -> sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle())),
                "InvalidParameterValue", "Reason: The receipt handle has expired.");
        assertError(() -> sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(m.receiptHandle())
                .visibilityTimeout(10)), "InvalidParameterValue", "Reason: The receipt handle has expired.");
        Message again = sqs.receiveMessage(r -> r.queueUrl(url)).messages().get(0);
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(again.receiptHandle()));
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(again.receiptHandle())); // deleted: idempotent
    }

    @Test
    void theQueueDelayIsRetroactive() {
        String url = contentFifo("delay");
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("x").messageGroupId("g"));
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "900")));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
        assertThat(attribute(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).isEqualTo("1");
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "0")));
        assertThat(bodies(sqs.receiveMessage(r -> r.queueUrl(url)).messages())).containsExactly("x");
    }

    /**
     * Many producers and consumers over many groups: every group must arrive complete, in send order, once.
     * Each group has one producer (so its send order is defined), which sometimes sends a batch of consecutive
     * messages and sometimes repeats a send with the same deduplication id. The seed is printed.
     */
    @RepeatedTest(3)
    void manyProducersAndConsumersOverManyGroups() throws Exception {
        long seed = Long.getLong("fifo.seed", System.nanoTime());
        System.out.println("FifoIT concurrency seed=" + seed + " (replay with -Dfifo.seed=" + seed + ")");
        int producers = 6;
        int consumers = 6;
        int groups = 24;
        int perGroup = 40;
        String url = fifo("many", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60"));
        Map<Integer, List<Integer>> received = new ConcurrentHashMap<>();
        List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger deleted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(producers + consumers);
        List<Future<?>> producing = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Random random = new Random(seed + p);
            int producer = p;
            producing.add(pool.submit(() -> {
                int[] next = new int[groups];
                List<Integer> mine = new ArrayList<>();
                for (int g = producer; g < groups; g += producers) {
                    mine.add(g);
                }
                while (!mine.isEmpty()) {
                    int g = mine.get(random.nextInt(mine.size()));
                    int n = next[g];
                    int count = random.nextInt(4) == 0 ? Math.min(1 + random.nextInt(10), perGroup - n) : 1;
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(g + ":" + (n + i))
                                .messageGroupId("group-" + g).messageDeduplicationId(g + ":" + (n + i)).build());
                    }
                    List<String> ids;
                    if (count == 1) {
                        ids = List.of(sqs.sendMessage(r -> r.queueUrl(url).messageBody(g + ":" + n)
                                .messageGroupId("group-" + g).messageDeduplicationId(g + ":" + n)).messageId());
                    } else {
                        var result = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
                        assertThat(result.failed()).isEmpty();
                        ids = result.successful().stream()
                                .sorted(java.util.Comparator.comparingInt(e -> Integer.parseInt(e.id().substring(1))))
                                .map(SendMessageBatchResultEntry::messageId).toList();
                    }
                    if (random.nextInt(5) == 0) {
                        // a retry of the last send: accepted, answered with the original, not delivered twice
                        int last = n + count - 1;
                        String again = sqs.sendMessage(r -> r.queueUrl(url).messageBody(g + ":" + last)
                                .messageGroupId("group-" + g).messageDeduplicationId(g + ":" + last)).messageId();
                        if (!again.equals(ids.get(ids.size() - 1))) {
                            violations.add("duplicate send of " + g + ":" + last + " got a new MessageId");
                        }
                    }
                    next[g] = n + count;
                    if (next[g] == perGroup) {
                        mine.remove(Integer.valueOf(g));
                    }
                }
                return null;
            }));
        }
        for (int c = 0; c < consumers; c++) {
            int consumer = c;
            pool.submit(() -> {
                while (deleted.get() < groups * perGroup) {
                    List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                            .waitTimeSeconds(1).receiveRequestAttemptId("c" + consumer + "-" + System.nanoTime()))
                            .messages();
                    for (Message m : messages) {
                        String[] parts = m.body().split(":");
                        // recorded before the delete, so the next message of the group is recorded after it
                        received.computeIfAbsent(Integer.parseInt(parts[0]),
                                g -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                .add(Integer.parseInt(parts[1]));
                        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
                        deleted.incrementAndGet();
                    }
                }
                return null;
            });
        }
        try {
            for (Future<?> f : producing) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(120, TimeUnit.SECONDS))
                    .as("consumers drained the queue (seed " + seed + ")").isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(violations).as("seed " + seed).isEmpty();
        List<Integer> expected = java.util.stream.IntStream.range(0, perGroup).boxed().toList();
        for (int g = 0; g < groups; g++) {
            assertThat(received.get(g)).as("group " + g + " in send order, no gaps, no duplicates (seed " + seed + ")")
                    .containsExactlyElementsOf(expected);
        }
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages()).isEmpty();
    }
}
