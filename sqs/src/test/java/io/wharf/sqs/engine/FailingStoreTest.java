package io.wharf.sqs.engine;

import io.wharf.testing.ManualClock;

import io.wharf.storage.FaultyStore;
import io.wharf.storage.MemoryStore;
import io.wharf.storage.StorageException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A write the store refuses is not acknowledged and leaves no trace a receiver could see; a write that never
 * became durable fails its answer and every write after it, and a restart recovers only what was durable.
 */
class FailingStoreTest {
    private static final io.wharf.storage.crypto.MasterKey KEY = EngineFixture.MASTER_KEY;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final QueueId name = new QueueId("000000000000", "us-east-1", "q");

    @Test
    void failedSendIsNotReceivableAndFailedDeleteKeepsTheMessage() {
        FaultyStore store = new FaultyStore(new MemoryStore());
        try (SqsEngine engine = new SqsEngine(store, clock, SqsLimits.strict(), KEY)) {
            QueueId q = engine.createQueue(name, Map.of(), Map.of());
            store.failAllCommits(true);
            assertThatThrownBy(() -> engine.sendMessage(q, SendCommand.of("lost"))).isInstanceOf(StorageException.class);
            store.failAllCommits(false);
            assertThat(engine.receiveMessage(q, ReceiveCommand.of(10))).isEmpty();

            engine.sendMessage(q, SendCommand.of("kept"));
            String handle = engine.receiveMessage(q, ReceiveCommand.of(1)).get(0).receiptHandle();
            store.failAllCommits(true);
            assertThatThrownBy(() -> engine.deleteMessage(q, handle)).isInstanceOf(StorageException.class);
            store.failAllCommits(false);
            assertThat(engine.getQueueAttributes(q, List.of("ApproximateNumberOfMessagesNotVisible")))
                    .containsEntry("ApproximateNumberOfMessagesNotVisible", "1");
            engine.deleteMessage(q, handle);
            assertThat(engine.getQueueAttributes(q, List.of("ApproximateNumberOfMessagesNotVisible")))
                    .containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
        }
    }

    @Test
    void aSendThatNeverBecameDurableFailsAndStopsEveryWriteUntilARestart() {
        FaultyStore store = new FaultyStore(new MemoryStore());
        QueueId q;
        try (SqsEngine engine = new SqsEngine(store, clock, SqsLimits.strict(), KEY)) {
            q = engine.createQueue(name, Map.of(), Map.of());
            engine.sendMessage(q, SendCommand.of("durable"));
            store.failNextAwaits(1);
            assertThatThrownBy(() -> engine.sendMessage(q, SendCommand.of("lost")))
                    .isInstanceOf(StorageException.class);
            // memory now holds "lost" though the disk does not: nothing may be acknowledged from here on
            assertThatThrownBy(() -> engine.sendMessage(q, SendCommand.of("after")))
                    .isInstanceOf(StorageException.class).hasMessageContaining("store failed");
            assertThatThrownBy(() -> engine.receiveMessage(q, ReceiveCommand.of(10)))
                    .isInstanceOf(StorageException.class);
        }
        try (SqsEngine restarted = new SqsEngine(store.delegate(), clock, SqsLimits.strict(), KEY)) {
            List<ReceivedMessage> recovered = restarted.receiveMessage(q, ReceiveCommand.of(10));
            assertThat(recovered).extracting(ReceivedMessage::body).containsExactly("durable");
        }
    }

    @Test
    void aDeleteThatNeverBecameDurableLeavesTheMessageForTheNextStart() {
        FaultyStore store = new FaultyStore(new MemoryStore());
        QueueId q;
        try (SqsEngine engine = new SqsEngine(store, clock, SqsLimits.strict(), KEY)) {
            q = engine.createQueue(name, Map.of(), Map.of());
            engine.sendMessage(q, SendCommand.of("kept"));
            String handle = engine.receiveMessage(q, ReceiveCommand.of(1)).get(0).receiptHandle();
            store.failNextAwaits(1);
            assertThatThrownBy(() -> engine.deleteMessageBatch(q, List.of(new BatchEntry<>("a", handle))))
                    .isInstanceOf(StorageException.class);
            assertThatThrownBy(() -> engine.setQueueAttributes(q, Map.of("VisibilityTimeout", "5")))
                    .isInstanceOf(StorageException.class).hasMessageContaining("store failed");
        }
        try (SqsEngine restarted = new SqsEngine(store.delegate(), clock, SqsLimits.strict(), KEY)) {
            assertThat(restarted.getQueueAttributes(q, List.of("ApproximateNumberOfMessagesNotVisible")))
                    .containsEntry("ApproximateNumberOfMessagesNotVisible", "1");
        }
    }
}
