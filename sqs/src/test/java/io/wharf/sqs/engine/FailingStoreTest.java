package io.wharf.sqs.engine;

import io.wharf.storage.Commit;
import io.wharf.storage.KeySpace;
import io.wharf.storage.MemoryStore;
import io.wharf.storage.StorageException;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A write the store refuses is not acknowledged and leaves no trace a receiver could see. */
class FailingStoreTest {

    /** A memory store that fails every commit while {@code failing} is set. */
    static final class FlakyStore implements Store {
        final MemoryStore delegate = new MemoryStore();
        volatile boolean failing;

        @Override
        public KeySpace keySpace(String name) {
            return delegate.keySpace(name);
        }

        @Override
        public Commit submit(WriteBatch batch) {
            if (failing) {
                throw new StorageException("disk full");
            }
            return delegate.submit(batch);
        }

        @Override
        public byte[] get(KeySpace space, byte[] key) {
            return delegate.get(space, key);
        }

        @Override
        public void scan(KeySpace space, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
            delegate.scan(space, prefix, visitor);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    @Test
    void failedSendIsNotReceivableAndFailedDeleteKeepsTheMessage() {
        FlakyStore store = new FlakyStore();
        ManualClock clock = new ManualClock(1_700_000_000_000L);
        try (SqsEngine engine = new SqsEngine(store, clock, SqsLimits.strict())) {
            QueueId q = engine.createQueue(new QueueId("000000000000", "us-east-1", "q"), Map.of(), Map.of());
            store.failing = true;
            assertThatThrownBy(() -> engine.sendMessage(q, SendCommand.of("lost"))).isInstanceOf(StorageException.class);
            store.failing = false;
            assertThat(engine.receiveMessage(q, ReceiveCommand.of(10))).isEmpty();

            engine.sendMessage(q, SendCommand.of("kept"));
            String handle = engine.receiveMessage(q, ReceiveCommand.of(1)).get(0).receiptHandle();
            store.failing = true;
            assertThatThrownBy(() -> engine.deleteMessage(q, handle)).isInstanceOf(StorageException.class);
            store.failing = false;
            assertThat(engine.getQueueAttributes(q, List.of("ApproximateNumberOfMessagesNotVisible")))
                    .containsEntry("ApproximateNumberOfMessagesNotVisible", "1");
            engine.deleteMessage(q, handle);
            assertThat(engine.getQueueAttributes(q, List.of("ApproximateNumberOfMessagesNotVisible")))
                    .containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
        }
    }
}
