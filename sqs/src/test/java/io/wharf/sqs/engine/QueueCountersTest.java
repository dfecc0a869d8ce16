package io.wharf.sqs.engine;

import io.wharf.protocol.metrics.Distribution;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the AWS/SQS metrics read: running totals of what was done to a queue, and the sizes sent since the last read. */
class QueueCountersTest extends EngineFixture {
    private QueueCounters counters(QueueId q) {
        return engine.queueCounters().stream().filter(c -> c.id().equals(q)).findFirst().orElseThrow();
    }

    @Test
    void sendsReceivesDeletesAndEmptyReceivesAreCounted() {
        QueueId q = create("q");
        long created = clock.millis();
        send(q, "a".repeat(10));
        engine.sendMessage(q, new SendCommand("b".repeat(30), null, null, null, null, null, null));
        clock.advanceSeconds(5);
        List<ReceivedMessage> got = engine.receiveMessage(q, new ReceiveCommand(10, 30, 0, Set.of(), List.of(), null));
        assertThat(got).hasSize(2);
        engine.deleteMessage(q, got.get(0).receiptHandle());
        assertThat(engine.receiveMessage(q, new ReceiveCommand(1, 30, 0, Set.of(), List.of(), null))).isEmpty();

        QueueCounters c = counters(q);
        assertThat(c.sent()).isEqualTo(2);
        assertThat(c.received()).isEqualTo(2);
        assertThat(c.deleted()).isEqualTo(1);
        assertThat(c.emptyReceives()).isEqualTo(1);
        assertThat(c.sentSizes()).isEqualTo(new Distribution.Summary(2, 40, 10, 30));
        assertThat(c.lastUsedMillis()).isEqualTo(created + 5_000);

        QueueCounters again = counters(q);
        assertThat(again.sentSizes()).as("drained by the first read").isNull();
        assertThat(again.sent()).as("running totals stay").isEqualTo(2);
    }

    @Test
    void aMessageMovedToTheDeadLetterQueueIsNotCountedAsSentThere() {
        QueueId dlq = create("dlq");
        QueueId q = create("src", java.util.Map.of("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\",\"maxReceiveCount\":\"1\"}"));
        send(q, "poison");
        engine.receiveMessage(q, new ReceiveCommand(1, 0, 0, Set.of(), List.of(), null));
        assertThat(engine.receiveMessage(q, new ReceiveCommand(1, 30, 0, Set.of(), List.of(), null))).isEmpty();

        assertThat(engine.queueStats().stream().filter(s -> s.id().equals(dlq)).findFirst().orElseThrow().visible())
                .isEqualTo(1);
        assertThat(counters(dlq).sent()).as("AWS: moved messages are not NumberOfMessagesSent").isZero();
        assertThat(counters(q).sent()).isEqualTo(1);
    }
}
