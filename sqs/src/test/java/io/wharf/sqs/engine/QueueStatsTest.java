package io.wharf.sqs.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The numbers metrics read: what GetQueueAttributes would answer at that moment, taken without changing the queue —
 * a delay or visibility timeout that ran out counts as visible although nothing moved the message yet.
 */
class QueueStatsTest extends EngineFixture {
    private QueueStats stats(QueueId q) {
        return engine.queueStats().stream().filter(s -> s.id().equals(q)).findFirst().orElseThrow();
    }

    @Test
    void countsEachStateAsGetQueueAttributesWould() {
        QueueId q = create("q");
        send(q, "a");
        send(q, "b");
        engine.sendMessage(q, new SendCommand("later", 20, null, null, null, null, null));
        engine.receiveMessage(q, new ReceiveCommand(1, 30, 0, Set.of(), List.of(), null));
        clock.advanceSeconds(7);

        assertThat(stats(q)).isEqualTo(new QueueStats(q, 1, 1, 1, 7));
        assertThat(engine.getQueueAttributes(q, List.of("All"))).containsAllEntriesOf(Map.of(
                "ApproximateNumberOfMessages", "1", "ApproximateNumberOfMessagesNotVisible", "1",
                "ApproximateNumberOfMessagesDelayed", "1"));
    }

    @Test
    void timersThatRanOutCountAsVisibleBeforeAnythingMovesThem() {
        QueueId q = create("q");
        engine.sendMessage(q, new SendCommand("later", 20, null, null, null, null, null));
        send(q, "now");
        engine.receiveMessage(q, new ReceiveCommand(1, 30, 0, Set.of(), List.of(), null));
        clock.advanceSeconds(31); // the delay (20 s) and the visibility timeout (30 s) both ran out

        assertThat(stats(q)).isEqualTo(new QueueStats(q, 2, 0, 0, 31));
        assertThat(stats(q)).as("reading changed nothing").isEqualTo(new QueueStats(q, 2, 0, 0, 31));
        assertThat(engine.getQueueAttributes(q, List.of("All"))).containsAllEntriesOf(Map.of(
                "ApproximateNumberOfMessages", "2", "ApproximateNumberOfMessagesNotVisible", "0",
                "ApproximateNumberOfMessagesDelayed", "0"));
    }

    @Test
    void anEmptyQueueHasNoOldestAge() {
        QueueId q = create("q");
        assertThat(stats(q)).isEqualTo(new QueueStats(q, 0, 0, 0, 0));
    }
}
