package io.wharf.it.sqs;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.BatchRequestTooLongException;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sqs.model.InvalidBatchEntryIdException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.TooManyEntriesInBatchRequestException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SendMessageBatch, DeleteMessageBatch, ChangeMessageVisibilityBatch: request-level and per-entry rules. */
class BatchIT extends SqsTestBase {

    private static List<SendMessageBatchRequestEntry> entries(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("body " + i).build())
                .toList();
    }

    @Test
    void sendBatchOfTenThenDeleteBatch() {
        String url = queue("batch");
        SendMessageBatchResponse sent = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries(10)));
        assertThat(sent.successful()).hasSize(10);
        assertThat(sent.failed()).isEmpty();
        assertThat(sent.successful()).extracting(e -> e.id())
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10).mapToObj(i -> "e" + i).toList());

        List<Message> received = new ArrayList<>();
        for (int i = 0; i < 5 && received.size() < 10; i++) {
            received.addAll(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages());
        }
        assertThat(received).hasSize(10);

        DeleteMessageBatchResponse deleted = sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(
                IntStream.range(0, 10).mapToObj(i -> software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry
                        .builder().id("d" + i).receiptHandle(received.get(i).receiptHandle()).build()).toList()));
        assertThat(deleted.successful()).hasSize(10);
        assertThat(deleted.failed()).isEmpty();
    }

    @Test
    void requestLevelBatchErrors() {
        String url = queue("batch-errors");
        assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries(11))))
                .isInstanceOfSatisfying(TooManyEntriesInBatchRequestException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode())
                                .isEqualTo("AWS.SimpleQueueService.TooManyEntriesInBatchRequest"));
        assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(List.of())))
                .isInstanceOf(EmptyBatchRequestException.class);
        assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("same").messageBody("a").build(),
                SendMessageBatchRequestEntry.builder().id("same").messageBody("b").build())))
                .isInstanceOf(BatchEntryIdsNotDistinctException.class);
        assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("bad id!").messageBody("a").build())))
                .isInstanceOf(InvalidBatchEntryIdException.class);
        String half = "x".repeat(600_000);
        assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody(half).build(),
                SendMessageBatchRequestEntry.builder().id("b").messageBody(half).build())))
                .isInstanceOf(BatchRequestTooLongException.class);
        assertThatThrownBy(() -> sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(List.of())))
                .isInstanceOf(EmptyBatchRequestException.class);
        assertThatThrownBy(() -> sqs.changeMessageVisibilityBatch(r -> r.queueUrl(url).entries(List.of())))
                .isInstanceOf(EmptyBatchRequestException.class);
    }

    @Test
    void perEntryFailuresDoNotFailTheBatch() {
        String url = queue("batch-partial");
        SendMessageBatchResponse sent = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("good").messageBody("fine").build(),
                SendMessageBatchRequestEntry.builder().id("bad").messageBody("bad \u0000 char").build(),
                SendMessageBatchRequestEntry.builder().id("late").messageBody("x").delaySeconds(901).build()));
        assertThat(sent.successful()).extracting(e -> e.id()).containsExactly("good");
        assertThat(sent.failed()).extracting(e -> e.id()).containsExactlyInAnyOrder("bad", "late");
        assertThat(sent.failed()).allSatisfy(f -> assertThat(f.senderFault()).isTrue());
        assertThat(sent.failed()).filteredOn(f -> f.id().equals("bad"))
                .extracting(f -> f.code()).containsExactly("InvalidMessageContents");

        DeleteMessageBatchResponse deleted = sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(
                software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder()
                        .id("x").receiptHandle("garbage").build()));
        assertThat(deleted.successful()).isEmpty();
        assertThat(deleted.failed()).extracting(f -> f.code()).containsExactly("ReceiptHandleIsInvalid");
    }

    @Test
    void changeVisibilityBatch() {
        String url = queue("batch-cmv");
        sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries(2)));
        List<Message> got = new ArrayList<>();
        for (int i = 0; i < 5 && got.size() < 2; i++) {
            got.addAll(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages());
        }
        assertThat(got).hasSize(2);
        ChangeMessageVisibilityBatchResponse changed = sqs.changeMessageVisibilityBatch(r -> r.queueUrl(url).entries(
                software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id("a").receiptHandle(got.get(0).receiptHandle()).visibilityTimeout(0).build(),
                software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id("b").receiptHandle("garbage").visibilityTimeout(0).build()));
        assertThat(changed.successful()).extracting(e -> e.id()).containsExactly("a");
        assertThat(changed.failed()).extracting(e -> e.id()).containsExactly("b");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).extracting(Message::messageId)
                .containsExactly(got.get(0).messageId());
    }
}
