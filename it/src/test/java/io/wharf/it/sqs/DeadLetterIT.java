package io.wharf.it.sqs;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RedrivePolicy, ListDeadLetterSourceQueues and message move tasks. */
class DeadLetterIT extends SqsTestBase {

    private String arn(String url) {
        return attribute(url, QueueAttributeName.QUEUE_ARN);
    }

    @Test
    void messageMovesToTheDeadLetterQueueOnTheReceiveAfterMaxReceiveCount() {
        String dlq = queue("dlq");
        String dlqArn = arn(dlq);
        String source = sqs.createQueue(r -> r.queueName(unique("src")).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"))).queueUrl();
        assertThat(attribute(source, QueueAttributeName.REDRIVE_POLICY)).contains(dlqArn).contains("2");

        String id = sqs.sendMessage(r -> r.queueUrl(source).messageBody("poison")).messageId();
        for (int i = 0; i < 2; i++) {
            assertThat(sqs.receiveMessage(r -> r.queueUrl(source).visibilityTimeout(0)).messages())
                    .extracting(Message::messageId).containsExactly(id);
        }
        // Third receive: the count has reached maxReceiveCount, so the message goes to the DLQ instead.
        assertThat(sqs.receiveMessage(r -> r.queueUrl(source)).messages()).isEmpty();
        List<Message> dead = sqs.receiveMessage(r -> r.queueUrl(dlq)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertThat(dead).extracting(Message::messageId).containsExactly(id);
        assertThat(dead.get(0).body()).isEqualTo("poison");
        assertThat(dead.get(0).attributes()).containsEntry(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN,
                arn(source));

        assertThat(sqs.listDeadLetterSourceQueues(r -> r.queueUrl(dlq)).queueUrls()).containsExactly(source);
        assertThat(sqs.listDeadLetterSourceQueues(r -> r.queueUrl(source)).queueUrls()).isEmpty();
    }

    @Test
    void redrivePolicyIsValidated() {
        String url = queue("redrive-bad");
        String dlqArn = arn(queue("redrive-dlq"));
        for (String bad : List.of(
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":0}",
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":1001}",
                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:does-not-exist\",\"maxReceiveCount\":1}",
                "not json")) {
            assertThatThrownBy(() -> sqs.setQueueAttributes(r -> r.queueUrl(url)
                    .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, bad))))
                    .as(bad)
                    .isInstanceOfSatisfying(SqsException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        }
        String fifoDlq = sqs.createQueue(r -> r.queueName(unique("fdlq") + ".fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
        assertThatThrownBy(() -> sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + arn(fifoDlq) + "\",\"maxReceiveCount\":1}"))))
                .isInstanceOf(SqsException.class);
    }

    @Test
    void moveTaskRedrivesMessagesBackToTheirSource() throws Exception {
        String dlq = queue("mt-dlq");
        String dlqArn = arn(dlq);
        String source = sqs.createQueue(r -> r.queueName(unique("mt-src")).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":1}"))).queueUrl();
        for (int i = 0; i < 3; i++) {
            int n = i;
            sqs.sendMessage(r -> r.queueUrl(source).messageBody("m" + n));
        }
        for (int i = 0; i < 10; i++) {
            sqs.receiveMessage(r -> r.queueUrl(source).maxNumberOfMessages(10).visibilityTimeout(0));
        }
        assertThat(attribute(dlq, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("3");

        String handle = sqs.startMessageMoveTask(r -> r.sourceArn(dlqArn)).taskHandle();
        assertThat(handle).isNotBlank();
        ListMessageMoveTasksResultEntry task = null;
        for (int i = 0; i < 50; i++) {
            task = sqs.listMessageMoveTasks(r -> r.sourceArn(dlqArn)).results().get(0);
            if (task.status().equals("COMPLETED")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(task.status()).isEqualTo("COMPLETED");
        assertThat(task.approximateNumberOfMessagesMoved()).isEqualTo(3L);
        assertThat(task.sourceArn()).isEqualTo(dlqArn);
        assertThat(attribute(dlq, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
        assertThat(attribute(source, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("3");
        assertThatThrownBy(() -> sqs.cancelMessageMoveTask(r -> r.taskHandle(handle)))
                .isInstanceOf(SqsException.class);
    }

    @Test
    void moveTaskErrors() {
        String plain = queue("mt-plain");
        assertThatThrownBy(() -> sqs.startMessageMoveTask(r -> r.sourceArn(arn(plain))))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> sqs.startMessageMoveTask(r -> r.sourceArn(
                "arn:aws:sqs:us-east-1:000000000000:no-such-queue")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> sqs.cancelMessageMoveTask(r -> r.taskHandle("not-a-handle")))
                .isInstanceOf(SqsException.class);
        assertThat(sqs.listMessageMoveTasks(r -> r.sourceArn(arn(plain))).results()).isEmpty();
    }
}
