package io.wharf.sqs.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchTest extends EngineFixture {

    private static BatchEntry<SendCommand> entry(String id, String body) {
        return new BatchEntry<>(id, SendCommand.of(body));
    }

    /** Messages m0, m1, … sent and then received, in flight now; their received forms in order. */
    private List<ReceivedMessage> sendAndReceive(QueueId q, int count) {
        for (int i = 0; i < count; i++) {
            send(q, "m" + i);
        }
        List<ReceivedMessage> got = receiveAll(q, 10);
        assertThat(got).hasSize(count);
        return got;
    }

    /** A new engine on {@code over} (the fixture's store, or one wrapping it), as after a restart. */
    private void restartOn(io.wharf.storage.Store over) {
        engine.close();
        engine = new SqsEngine(over, clock, SqsLimits.strict(), MASTER_KEY);
    }

    @Test
    void requestLevelRules() {
        QueueId q = create("q");
        assertThat(error(() -> engine.sendMessageBatch(q, List.of())).code())
                .isEqualTo("AWS.SimpleQueueService.EmptyBatchRequest");
        List<BatchEntry<SendCommand>> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(entry("e" + i, "b"));
        }
        assertThat(error(() -> engine.sendMessageBatch(q, eleven)).getMessage())
                .isEqualTo("Maximum number of entries per request are 10. You have sent 11.");
        assertThat(error(() -> engine.sendMessageBatch(q, List.of(entry("bad id", "b")))).code())
                .isEqualTo("AWS.SimpleQueueService.InvalidBatchEntryId");
        assertThat(error(() -> engine.sendMessageBatch(q, List.of(entry("a", "b"), entry("a", "c")))).code())
                .isEqualTo("AWS.SimpleQueueService.BatchEntryIdsNotDistinct");
        String big = "x".repeat(600_000);
        var tooLong = error(() -> engine.sendMessageBatch(q, List.of(entry("a", big), entry("b", big))));
        assertThat(tooLong.getMessage()).isEqualTo(
                "Batch requests cannot be longer than 1048576 bytes. You have sent 1200000 bytes.");
    }

    @Test
    void perEntryFailures() {
        QueueId q = create("q");
        BatchResult<SendResult> result = engine.sendMessageBatch(q, List.of(entry("ok", "fine"),
                entry("bad", "bad\u0000")));
        assertThat(result.successful()).extracting(BatchResult.Success::id).containsExactly("ok");
        assertThat(result.failed()).hasSize(1);
        assertThat(result.failed().get(0).code()).isEqualTo("InvalidMessageContents");
        assertThat(result.failed().get(0).senderFault()).isTrue();

        String handle = receive(q, 1).get(0).receiptHandle();
        BatchResult<Void> deleted = engine.deleteMessageBatch(q, List.of(new BatchEntry<>("a", handle),
                new BatchEntry<>("b", "garbage")));
        assertThat(deleted.successful()).extracting(BatchResult.Success::id).containsExactly("a");
        assertThat(deleted.failed()).extracting(BatchResult.Failure::code).containsExactly("ReceiptHandleIsInvalid");
    }

    @Test
    void changeVisibilityBatch() {
        QueueId q = create("q");
        send(q, "a");
        String handle = receive(q, 1).get(0).receiptHandle();
        BatchResult<Void> result = engine.changeMessageVisibilityBatch(q, List.of(
                new BatchEntry<>("a", new VisibilityChange(handle, 0)),
                new BatchEntry<>("b", new VisibilityChange("garbage", 0))));
        assertThat(result.successful()).hasSize(1);
        assertThat(result.failed()).hasSize(1);
        assertThat(receive(q, 1)).hasSize(1);
    }

    @Test
    void aDeleteBatchIsOneWriteAndDeletesAMessageOnceWhateverItsHandles() {
        QueueId q = create("q");
        List<ReceivedMessage> got = sendAndReceive(q, 5);
        String first = got.get(0).receiptHandle();
        clock.advanceSeconds(31); // visible again: a second receive gives the first message a second handle
        String again = receive(q, 1).get(0).receiptHandle();
        assertThat(again).isNotEqualTo(first);

        List<BatchEntry<String>> entries = new ArrayList<>();
        entries.add(new BatchEntry<>("first", first));
        entries.add(new BatchEntry<>("again", again)); // the same message: deleted once
        for (int i = 1; i < 5; i++) {
            entries.add(new BatchEntry<>("m" + i, got.get(i).receiptHandle()));
        }
        entries.add(new BatchEntry<>("bad", "garbage"));
        CountingStore counting = new CountingStore(store);
        restartOn(counting);
        long writesBefore = counting.submits();
        BatchResult<Void> result = engine.deleteMessageBatch(q, entries);

        assertThat(result.successful()).extracting(BatchResult.Success::id)
                .containsExactly("first", "again", "m1", "m2", "m3", "m4");
        assertThat(result.failed()).extracting(BatchResult.Failure::code).containsExactly("ReceiptHandleIsInvalid");
        assertThat(counting.submits() - writesBefore).isEqualTo(1); // one write for the whole batch
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("0");
        assertThat(attribute(q, "ApproximateNumberOfMessagesNotVisible")).isEqualTo("0");
        clock.advanceSeconds(60);
        assertThat(receive(q, 10)).isEmpty();
        restartOn(store); // and so it stays after a restart
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("0");
        assertThat(receive(q, 10)).isEmpty();
    }

    @Test
    void aVisibilityBatchIsOneWriteWithEachEntrysOwnAnswer() {
        QueueId q = create("q");
        List<ReceivedMessage> got = sendAndReceive(q, 4);
        String visible = "v";
        engine.changeMessageVisibility(q, got.get(3).receiptHandle(), 0); // visible again: not in flight
        CountingStore counting = new CountingStore(store);
        restartOn(counting);
        long writesBefore = counting.submits();
        BatchResult<Void> result = engine.changeMessageVisibilityBatch(q, List.of(
                new BatchEntry<>("now", new VisibilityChange(got.get(0).receiptHandle(), 0)),
                new BatchEntry<>("later", new VisibilityChange(got.get(1).receiptHandle(), 600)),
                new BatchEntry<>("tooLong", new VisibilityChange(got.get(2).receiptHandle(), 43_201)),
                new BatchEntry<>(visible, new VisibilityChange(got.get(3).receiptHandle(), 10)),
                new BatchEntry<>("bad", new VisibilityChange("garbage", 0))));

        assertThat(result.successful()).extracting(BatchResult.Success::id).containsExactly("now", "later");
        assertThat(result.failed()).extracting(BatchResult.Failure::id, BatchResult.Failure::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("tooLong", "InvalidParameterValue"),
                org.assertj.core.groups.Tuple.tuple(visible, "AWS.SimpleQueueService.MessageNotInflight"),
                org.assertj.core.groups.Tuple.tuple("bad", "ReceiptHandleIsInvalid"));
        assertThat(counting.submits() - writesBefore).isEqualTo(1); // one write for the whole batch
        restartOn(store); // the changes outlive a restart
        clock.advanceSeconds(31); // m2's 30 s window is over; m1 stays hidden for 600 s
        assertThat(receiveAll(q, 10)).extracting(ReceivedMessage::body).containsExactlyInAnyOrder("m0", "m2", "m3");
    }
}
