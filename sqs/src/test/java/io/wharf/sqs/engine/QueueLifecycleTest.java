package io.wharf.sqs.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QueueLifecycleTest extends EngineFixture {

    @Test
    void createIsIdempotentForSameAttributesOnly() {
        create("q", Map.of("VisibilityTimeout", "60"));
        assertThat(create("q", Map.of("VisibilityTimeout", "60"))).isEqualTo(id("q"));
        assertThat(create("q")).isEqualTo(id("q"));
        assertThat(create("q", Map.of("DelaySeconds", "0"))).isEqualTo(id("q"));
        var e = error(() -> create("q", Map.of("DelaySeconds", "5")));
        assertThat(e.type()).isEqualTo("QueueNameExists");
        assertThat(e.code()).isEqualTo("QueueAlreadyExists");
        assertThat(e.getMessage()).isEqualTo(
                "A queue already exists with the same name and a different value for attribute DelaySeconds");
    }

    @Test
    void queueNamesAreChecked() {
        assertThat(error(() -> create("bad name")).code()).isEqualTo("InvalidParameterValue");
        assertThat(error(() -> create("x".repeat(81))).code()).isEqualTo("InvalidParameterValue");
        assertThat(error(() -> create("q.fifo")).code()).isEqualTo("InvalidParameterValue");
        assertThat(error(() -> create("q", Map.of("FifoQueue", "true"))).code()).isEqualTo("InvalidParameterValue");
        create("q.fifo", Map.of("FifoQueue", "true"));
        create("x".repeat(80));
    }

    @Test
    void fifoAttributesAreRejectedOnStandardQueues() {
        assertThat(error(() -> create("q", Map.of("ContentBasedDeduplication", "true"))).getMessage())
                .isEqualTo("Unknown Attribute ContentBasedDeduplication.");
        assertThat(error(() -> create("q", Map.of("DeduplicationScope", "queue"))).getMessage())
                .isEqualTo("You can specify the DeduplicationScope only when FifoQueue is set to true.");
        assertThat(error(() -> create("q", Map.of("FifoThroughputLimit", "perQueue"))).getMessage())
                .isEqualTo("You can specify the FifoThroughputLimit only when FifoQueue is set to true.");
        QueueId q = create("q");
        var e = error(() -> engine.setQueueAttributes(q, Map.of("FifoQueue", "true")));
        assertThat(e.code()).isEqualTo("InvalidAttributeName");
        assertThat(e.getMessage()).isEqualTo("Unknown Attribute FifoQueue.");
        QueueId f = create("f.fifo", Map.of("FifoQueue", "true"));
        e = error(() -> engine.setQueueAttributes(f, Map.of("FifoQueue", "false")));
        assertThat(e.code()).isEqualTo("InvalidAttributeValue");
        assertThat(e.getMessage()).isEqualTo(
                "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.");
    }

    @Test
    void attributeRangesAndNames() {
        QueueId q = create("q");
        var e = error(() -> engine.setQueueAttributes(q, Map.of("VisibilityTimeout", "43201")));
        assertThat(e.code()).isEqualTo("InvalidAttributeValue");
        assertThat(e.getMessage()).isEqualTo("Invalid value for the parameter VisibilityTimeout.");
        assertThat(error(() -> engine.setQueueAttributes(q, Map.of("MaximumMessageSize", "1023"))).code())
                .isEqualTo("InvalidAttributeValue");
        assertThat(error(() -> engine.setQueueAttributes(q, Map.of("Bogus", "1"))).getMessage())
                .isEqualTo("Unknown Attribute Bogus.");
        assertThat(error(() -> engine.getQueueAttributes(q, List.of("Bogus"))).code())
                .isEqualTo("InvalidAttributeName");
        engine.setQueueAttributes(q, Map.of("DelaySeconds", "900", "MessageRetentionPeriod", "60"));
        assertThat(attribute(q, "DelaySeconds")).isEqualTo("900");
    }

    @Test
    void getAllShowsDefaultsAndOnlyApplicableAttributes() {
        QueueId q = create("q");
        Map<String, String> all = engine.getQueueAttributes(q, List.of("All"));
        assertThat(all).containsEntry("VisibilityTimeout", "30").containsEntry("MaximumMessageSize", "1048576")
                .containsEntry("MessageRetentionPeriod", "345600").containsEntry("SqsManagedSseEnabled", "true")
                .containsEntry("QueueArn", "arn:aws:sqs:us-east-1:000000000000:q")
                .containsEntry("CreatedTimestamp", "1700000000")
                .containsEntry("ApproximateNumberOfMessages", "0")
                .doesNotContainKeys("FifoQueue", "Policy", "RedrivePolicy", "KmsMasterKeyId");
        assertThat(engine.getQueueAttributes(q, List.of())).isEmpty();
        QueueId f = create("f.fifo", Map.of("FifoQueue", "true"));
        assertThat(engine.getQueueAttributes(f, List.of("All"))).containsEntry("FifoQueue", "true")
                .containsEntry("DeduplicationScope", "queue").containsEntry("FifoThroughputLimit", "perQueue")
                .containsEntry("ContentBasedDeduplication", "false");
    }

    @Test
    void deletedRecentlyBlocksRecreationFor60Seconds() {
        QueueId q = create("q");
        engine.deleteQueue(q);
        assertThat(error(() -> engine.getQueue(q)).type()).isEqualTo("QueueDoesNotExist");
        var e = error(() -> create("q"));
        assertThat(e.code()).isEqualTo("AWS.SimpleQueueService.QueueDeletedRecently");
        clock.advanceSeconds(60);
        create("q");
    }

    @Test
    void relaxedEngineSkipsTheWaitingPeriods() {
        engine.close();
        engine = new SqsEngine(store, clock, SqsLimits.relaxed(), MASTER_KEY);
        QueueId q = create("q");
        engine.deleteQueue(q);
        create("q");
        engine.purgeQueue(q);
        engine.purgeQueue(q);
    }

    @Test
    void listQueuesPagesByName() {
        for (String n : List.of("a1", "a2", "a3", "b1")) {
            create(n);
        }
        assertThat(engine.listQueues(ACCOUNT, REGION, "a", null, null).queues()).extracting(QueueId::name)
                .containsExactly("a1", "a2", "a3");
        QueuePage first = engine.listQueues(ACCOUNT, REGION, null, 2, null);
        assertThat(first.queues()).extracting(QueueId::name).containsExactly("a1", "a2");
        QueuePage second = engine.listQueues(ACCOUNT, REGION, null, 2, first.nextToken());
        assertThat(second.queues()).extracting(QueueId::name).containsExactly("a3", "b1");
        assertThat(second.nextToken()).isNull();
        assertThat(engine.listQueues("111111111111", REGION, null, null, null).queues()).isEmpty();
        assertThat(error(() -> engine.listQueues(ACCOUNT, REGION, null, 1001, null)).code())
                .isEqualTo("InvalidParameterValue");
    }

    @Test
    void tags() {
        QueueId q = engine.createQueue(id("q"), Map.of(), Map.of("a", "1"));
        engine.tagQueue(q, Map.of("b", "2", "a", "3"));
        assertThat(engine.listQueueTags(q)).containsExactlyInAnyOrderEntriesOf(Map.of("a", "3", "b", "2"));
        engine.untagQueue(q, List.of("a", "zzz"));
        assertThat(engine.listQueueTags(q)).containsExactlyInAnyOrderEntriesOf(Map.of("b", "2"));
    }

    @Test
    void permissionsEditThePolicy() {
        QueueId q = create("q");
        engine.addPermission(q, "l1", List.of("111111111111"), List.of("SendMessage"));
        assertThat(attribute(q, "Policy")).isEqualTo("{\"Version\":\"2012-10-17\",\"Id\":"
                + "\"arn:aws:sqs:us-east-1:000000000000:q/SQSDefaultPolicy\",\"Statement\":[{\"Sid\":\"l1\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},"
                + "\"Action\":\"SQS:SendMessage\",\"Resource\":\"arn:aws:sqs:us-east-1:000000000000:q\"}]}");
        assertThat(error(() -> engine.addPermission(q, "l1", List.of("1"), List.of("SendMessage"))).getMessage())
                .isEqualTo("Value l1 for parameter Label is invalid. Reason: Already exists.");
        assertThat(error(() -> engine.addPermission(q, "l2", List.of("1"), List.of("SendMessage", "ReceiveMessage",
                "DeleteMessage", "ChangeMessageVisibility", "GetQueueAttributes", "GetQueueUrl", "PurgeQueue",
                "ListQueueTags"))).code()).isEqualTo("OverLimit");
        engine.removePermission(q, "l1");
        assertThat(attribute(q, "Policy")).isNull();
        assertThat(error(() -> engine.removePermission(q, "l1")).getMessage())
                .isEqualTo("Value l1 for parameter Label is invalid. Reason: can't find label.");
    }

    @Test
    void purgeOncePerMinute() {
        QueueId q = create("q");
        send(q, "a");
        engine.purgeQueue(q);
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("0");
        var e = error(() -> engine.purgeQueue(q));
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).isEqualTo("Only one PurgeQueue operation on q is allowed every 60 seconds.");
        clock.advanceSeconds(60);
        engine.purgeQueue(q);
    }
}
