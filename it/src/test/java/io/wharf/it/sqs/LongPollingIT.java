package io.wharf.it.sqs;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Long polling through the async (Netty) client: waiters wake as soon as a message arrives. */
class LongPollingIT extends SqsTestBase {

    @Test
    void waitingReceiversWakeUpOnSend() throws Exception {
        String url = queue("poll");
        List<CompletableFuture<ReceiveMessageResponse>> waiting = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiting.add(sqsAsync.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20)));
        }
        Thread.sleep(300);
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            sqsAsync.sendMessage(r -> r.queueUrl(url).messageBody("wake")).get(5, TimeUnit.SECONDS);
        }
        int received = 0;
        for (CompletableFuture<ReceiveMessageResponse> f : waiting) {
            received += f.get(10, TimeUnit.SECONDS).messages().size();
        }
        assertThat(received).isEqualTo(20);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
    }

    @Test
    void emptyLongPollReturnsAfterTheWait() throws Exception {
        String url = queue("poll-empty");
        long start = System.nanoTime();
        List<Message> none = sqsAsync.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).get(5, TimeUnit.SECONDS)
                .messages();
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(none).isEmpty();
        assertThat(elapsed).isBetween(900L, 4_000L);
    }

    @Test
    void queueDefaultWaitTimeApplies() throws Exception {
        String url = sqs.createQueue(r -> r.queueName(unique("poll-default"))
                .attributes(Map.of(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "1"))).queueUrl();
        long start = System.nanoTime();
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(900L);
    }
}
