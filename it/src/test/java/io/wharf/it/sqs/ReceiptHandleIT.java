package io.wharf.it.sqs;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Receipt handles are bound to their queue and opaque: another queue refuses them, and they tell no times. */
class ReceiptHandleIT extends SqsTestBase {

    @Test
    void aHandleOfQueueAIsRefusedByQueueB() {
        String a = queue("handle-a");
        String b = queue("handle-b");
        sqs.sendMessage(r -> r.queueUrl(a).messageBody("in a"));
        sqs.sendMessage(r -> r.queueUrl(b).messageBody("in b"));
        String handle = sqs.receiveMessage(r -> r.queueUrl(a).visibilityTimeout(300)).messages().get(0)
                .receiptHandle();
        sqs.receiveMessage(r -> r.queueUrl(b).visibilityTimeout(300));

        assertThatThrownBy(() -> sqs.deleteMessage(r -> r.queueUrl(b).receiptHandle(handle)))
                .isInstanceOfSatisfying(ReceiptHandleIsInvalidException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ReceiptHandleIsInvalid");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The receipt handle \"" + handle + "\" isn't valid for this queue.");
                });
        assertThatThrownBy(() -> sqs.changeMessageVisibility(r -> r.queueUrl(b).receiptHandle(handle)
                .visibilityTimeout(0))).isInstanceOf(ReceiptHandleIsInvalidException.class);
        List<BatchResultErrorEntry> failed = sqs.deleteMessageBatch(r -> r.queueUrl(b)
                .entries(e -> e.id("1").receiptHandle(handle))).failed();
        assertThat(failed).extracting(BatchResultErrorEntry::code).containsExactly("ReceiptHandleIsInvalid");

        // nothing happened to either queue: both messages are still in flight
        assertThat(attribute(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).isEqualTo("1");
        assertThat(attribute(b, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).isEqualTo("1");
        sqs.deleteMessage(r -> r.queueUrl(a).receiptHandle(handle));
        assertThat(attribute(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).isEqualTo("0");
    }

    @Test
    void aHandleTellsNoSendTime() {
        String url = queue("opaque");
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("x"));
        Message m = sqs.receiveMessage(r -> r.queueUrl(url).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages().get(0);
        long sent = Long.parseLong(m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP));
        byte[] handle = Base64.getUrlDecoder().decode(m.receiptHandle());
        // no 8 bytes of the handle read as a time within a minute of the send, in milliseconds or microseconds
        for (int i = 0; i + 8 <= handle.length; i++) {
            long value = ByteBuffer.wrap(handle, i, 8).getLong();
            assertThat(Math.abs(value - sent)).as("offset %d as ms", i).isGreaterThan(60_000);
            assertThat(Math.abs(value / 1000 - sent)).as("offset %d as µs", i).isGreaterThan(60_000);
        }
    }
}
