package io.wharf.sqs.engine;

import io.wharf.testing.ManualClock;

import io.wharf.protocol.AwsException;
import io.wharf.storage.MemoryStore;
import io.wharf.storage.crypto.MasterKey;
import org.junit.jupiter.api.AfterEach;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A strict engine on a memory store with a manual clock, plus shorthands. */
abstract class EngineFixture {
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    /** The master key every engine of these tests wraps its receipt secret with (a fixed one: restarts reopen it). */
    static final MasterKey MASTER_KEY = MasterKey.of(new byte[32]);

    final MemoryStore store = new MemoryStore();
    final ManualClock clock = new ManualClock(1_700_000_000_000L);
    SqsEngine engine = new SqsEngine(store, clock, SqsLimits.strict(), MASTER_KEY);

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    static QueueId id(String name) {
        return new QueueId(ACCOUNT, REGION, name);
    }

    QueueId create(String name) {
        return engine.createQueue(id(name), Map.of(), Map.of());
    }

    QueueId create(String name, Map<String, String> attributes) {
        return engine.createQueue(id(name), attributes, Map.of());
    }

    SendResult send(QueueId q, String body) {
        return engine.sendMessage(q, SendCommand.of(body));
    }

    List<ReceivedMessage> receive(QueueId q, int max) {
        return engine.receiveMessage(q, ReceiveCommand.of(max));
    }

    List<ReceivedMessage> receiveAll(QueueId q, int max) {
        return engine.receiveMessage(q, new ReceiveCommand(max, null, 0, Set.of("All"), List.of("All"), null));
    }

    String attribute(QueueId q, String name) {
        return engine.getQueueAttributes(q, List.of(name)).get(name);
    }

    /** The records in a key space of the store. */
    int stored(String keySpace) {
        int[] n = {0};
        store.scan(store.keySpace(keySpace), new byte[0], (k, v) -> n[0]++);
        return n[0];
    }

    /** Visible, in-flight and delayed messages together. */
    long allCounts(QueueId q) {
        Map<String, String> counts = engine.getQueueAttributes(q, List.of("All"));
        return Long.parseLong(counts.get("ApproximateNumberOfMessages"))
                + Long.parseLong(counts.get("ApproximateNumberOfMessagesNotVisible"))
                + Long.parseLong(counts.get("ApproximateNumberOfMessagesDelayed"));
    }

    static AwsException error(Runnable action) {
        AwsException e = catchThrowableOfType(AwsException.class, action::run);
        assertThat(e).as("expected an AWS error").isNotNull();
        return e;
    }
}
