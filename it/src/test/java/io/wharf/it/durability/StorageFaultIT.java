package io.wharf.it.durability;

import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.storage.FaultyStore;
import io.wharf.storage.MemoryStore;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When the store refuses a write, the request fails with AWS's 500 InternalFailure (no stack trace on the
 * wire) and nothing of it is applied: the client may retry and sees no half-done work.
 */
class StorageFaultIT {
    private FaultyStore store;
    private Wharf wharf;
    private SqsClient sqs;

    @BeforeEach
    void start() {
        store = new FaultyStore(new MemoryStore());
        wharf = Wharf.start(WharfConfig.builder().port(0).inMemory(true).build(), store);
        sqs = Clients.sqs(URI.create(wharf.endpoint()));
    }

    @AfterEach
    void stop() {
        sqs.close();
        wharf.close();
    }

    private static void assertInternalFailure(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SqsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
            assertThat(e.awsErrorDetails().errorMessage()).doesNotContain("Exception").doesNotContain("injected");
        });
    }

    private String count(String url, QueueAttributeName name) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(name)).attributesAsStrings().get(name.toString());
    }

    @Test
    void failedWritesAreErrorsAndLeaveNothingBehind() {
        store.failNextCommits(1);
        assertInternalFailure(() -> sqs.createQueue(r -> r.queueName("never")));
        assertThat(sqs.listQueues().queueUrls()).isEmpty();

        String url = sqs.createQueue(r -> r.queueName("faults")).queueUrl();
        store.failNextCommits(1);
        assertInternalFailure(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("lost")));
        store.failNextCommits(1);
        assertInternalFailure(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody("a").build(),
                SendMessageBatchRequestEntry.builder().id("b").messageBody("b").build())));
        assertThat(count(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");

        sqs.sendMessage(r -> r.queueUrl(url).messageBody("kept"));
        Message received = sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(0)).messages().get(0);
        store.failNextCommits(1);
        assertInternalFailure(() -> sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(received.receiptHandle())));
        List<Message> again = sqs.receiveMessage(r -> r.queueUrl(url)).messages();
        assertThat(again).extracting(Message::body).containsExactly("kept");

        store.failNextCommits(1);
        assertInternalFailure(() -> sqs.setQueueAttributes(r -> r.queueUrl(url)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "99"))));
        assertThat(count(url, QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("30");

        store.failNextCommits(1);
        assertInternalFailure(() -> sqs.deleteQueue(r -> r.queueUrl(url)));
        assertThat(sqs.getQueueUrl(r -> r.queueName("faults")).queueUrl()).isEqualTo(url);
    }
}
