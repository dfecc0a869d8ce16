package io.wharf.sqs.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RedriveTest extends EngineFixture {
    private static final String DLQ_ARN = "arn:aws:sqs:us-east-1:000000000000:dlq";

    private QueueId sourceWithDeadLetterQueue(int maxReceiveCount) {
        create("dlq");
        return create("source", Map.of("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + DLQ_ARN + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}",
                "VisibilityTimeout", "0"));
    }

    @Test
    void redrivePolicyIsValidatedAndNormalised() {
        QueueId q = create("q");
        var missing = error(() -> engine.setQueueAttributes(q, Map.of("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + DLQ_ARN + "\",\"maxReceiveCount\":3}")));
        assertThat(missing.code()).isEqualTo("InvalidParameterValue");
        create("dlq");
        var zero = error(() -> engine.setQueueAttributes(q, Map.of("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + DLQ_ARN + "\",\"maxReceiveCount\":0}")));
        assertThat(zero.getMessage()).endsWith("Reason: Invalid value for maxReceiveCount: 0, valid values are from 1 "
                + "to 1000 both inclusive.");
        engine.setQueueAttributes(q, Map.of("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + DLQ_ARN + "\",\"maxReceiveCount\":\"3\"}"));
        assertThat(attribute(q, "RedrivePolicy"))
                .isEqualTo("{\"deadLetterTargetArn\":\"" + DLQ_ARN + "\",\"maxReceiveCount\":3}");
        assertThat(engine.deadLetterSourceQueues(id("dlq"), null, null).queues()).containsExactly(q);
        engine.setQueueAttributes(q, Map.of("RedrivePolicy", ""));
        assertThat(attribute(q, "RedrivePolicy")).isNull();
        create("f.fifo", Map.of("FifoQueue", "true"));
        assertThat(error(() -> engine.setQueueAttributes(q, Map.of("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:f.fifo\",\"maxReceiveCount\":3}")))
                .code()).isEqualTo("InvalidParameterValue");
        engine.setQueueAttributes(id("dlq"), Map.of("RedriveAllowPolicy", "{\"redrivePermission\":\"denyAll\"}"));
        assertThat(error(() -> engine.setQueueAttributes(q, Map.of("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + DLQ_ARN + "\",\"maxReceiveCount\":3}"))).code())
                .isEqualTo("InvalidParameterValue");
    }

    @Test
    void messageMovesToTheDeadLetterQueueOnTheReceiveAfterMaxReceiveCount() {
        QueueId source = sourceWithDeadLetterQueue(2);
        SendResult sent = send(source, "poison");
        assertThat(receive(source, 1)).hasSize(1);
        assertThat(receive(source, 1)).hasSize(1);
        assertThat(receive(source, 1)).isEmpty();
        assertThat(attribute(source, "ApproximateNumberOfMessages")).isEqualTo("0");
        List<ReceivedMessage> dead = receiveAll(id("dlq"), 1);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).messageId()).isEqualTo(sent.messageId());
        assertThat(dead.get(0).body()).isEqualTo("poison");
        assertThat(dead.get(0).attributes()).containsEntry("DeadLetterQueueSourceArn",
                "arn:aws:sqs:us-east-1:000000000000:source").containsEntry("SentTimestamp", "1700000000000");
    }

    @Test
    void moveTaskCountsMessagesWhoseVisibilityRanOutMeanwhile() throws Exception {
        QueueId source = sourceWithDeadLetterQueue(1);
        for (int i = 0; i < 3; i++) {
            send(source, "m" + i);
        }
        while (!receive(source, 10).isEmpty()) {
            // each receive dead-letters what was received before
        }
        assertThat(engine.receiveMessage(id("dlq"), new ReceiveCommand(10, 30, 0, Set.of(), List.of(), null)))
                .hasSize(3);
        clock.advance(java.time.Duration.ofSeconds(31)); // in flight until now; nothing touched the queue since
        engine.startMessageMoveTask(DLQ_ARN, null, null);
        assertThat(engine.listMessageMoveTasks(DLQ_ARN, 1).get(0).approximateNumberOfMessagesToMove()).isEqualTo(3);
    }

    @Test
    void moveTaskRedrivesBackToTheSource() throws Exception {
        QueueId source = sourceWithDeadLetterQueue(1);
        for (int i = 0; i < 15; i++) {
            send(source, "m" + i);
        }
        while (!receive(source, 10).isEmpty()) {
            // each receive dead-letters what was received before
        }
        assertThat(attribute(id("dlq"), "ApproximateNumberOfMessages")).isEqualTo("15");
        assertThat(error(() -> engine.startMessageMoveTask("arn:aws:sqs:us-east-1:000000000000:source", null, null))
                .getMessage()).isEqualTo("Source queue must be configured as a Dead Letter Queue.");
        var notFound = error(() -> engine.startMessageMoveTask("arn:aws:sqs:us-east-1:000000000000:nope", null, null));
        assertThat(notFound.httpStatus()).isEqualTo(404);
        String handle = engine.startMessageMoveTask(DLQ_ARN, null, null);
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!engine.listMessageMoveTasks(DLQ_ARN, 1).get(0).status().equals("COMPLETED")
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        MoveTaskView task = engine.listMessageMoveTasks(DLQ_ARN, 10).get(0);
        assertThat(task.status()).isEqualTo("COMPLETED");
        assertThat(task.taskHandle()).isNull();
        assertThat(task.approximateNumberOfMessagesMoved()).isEqualTo(15);
        assertThat(task.approximateNumberOfMessagesToMove()).isEqualTo(15);
        assertThat(attribute(source, "ApproximateNumberOfMessages")).isEqualTo("15");
        assertThat(receiveAll(source, 1).get(0).attributes()).containsEntry("ApproximateReceiveCount", "1");
        assertThat(error(() -> engine.cancelMessageMoveTask(handle)).code()).isEqualTo("InvalidParameterValue");
        assertThat(error(() -> engine.cancelMessageMoveTask("garbage")).getMessage())
                .isEqualTo("Value for parameter TaskHandle is invalid.");
        String unknownTask = java.util.Base64.getUrlEncoder().encodeToString(("nope|" + DLQ_ARN).getBytes());
        assertThat(error(() -> engine.cancelMessageMoveTask(unknownTask)).getMessage()).isEqualTo("Task does not exist.");
        String unknownSource = java.util.Base64.getUrlEncoder().encodeToString(
                "nope|arn:aws:sqs:us-east-1:000000000000:gone".getBytes());
        assertThat(error(() -> engine.cancelMessageMoveTask(unknownSource)).httpStatus()).isEqualTo(404);
    }

    @Test
    void slowMoveTaskCanBeCancelled() {
        QueueId source = sourceWithDeadLetterQueue(1);
        for (int i = 0; i < 5; i++) {
            send(source, "m" + i);
        }
        receive(source, 10);
        receive(source, 10);
        create("elsewhere");
        String handle = engine.startMessageMoveTask(DLQ_ARN, "arn:aws:sqs:us-east-1:000000000000:elsewhere", 1);
        assertThat(error(() -> engine.startMessageMoveTask(DLQ_ARN, null, null)).getMessage()).startsWith(
                "There is already a task running.");
        assertThat(engine.listMessageMoveTasks(DLQ_ARN, null).get(0).taskHandle()).isEqualTo(handle);
        assertThat(engine.cancelMessageMoveTask(handle)).isLessThan(5);
    }
}
