package io.wharf.sqs.engine;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cap on all queues' in-flight messages together ({@link SqsLimits#maxInflightTotal()}, InflightBudget). */
class InflightBudgetTest extends EngineFixture {
    private static final int CAP = 15;

    @BeforeEach
    void cappedEngine() {
        engine.close();
        engine = new SqsEngine(store, clock, SqsLimits.strict().withMaxInflightTotal(CAP), MASTER_KEY);
    }

    private void restart() {
        engine.close();
        engine = new SqsEngine(store, clock, SqsLimits.strict().withMaxInflightTotal(CAP), MASTER_KEY);
    }

    private QueueId filled(String name, int messages, Map<String, String> attributes) {
        QueueId q = create(name, attributes);
        for (int i = 0; i < messages; i++) {
            if (name.endsWith(".fifo")) {
                engine.sendMessage(q, new SendCommand(name + "-" + i, null, null, null, "d" + i, "g" + i, null));
            } else {
                send(q, name + "-" + i);
            }
        }
        return q;
    }

    @Test
    void aStandardQueueGetsWhatFitsThenOverLimit() {
        QueueId a = filled("a", 10, Map.of());
        QueueId b = filled("b", 10, Map.of());
        assertThat(receive(a, 10)).hasSize(10);
        List<ReceivedMessage> fromB = receive(b, 10);
        assertThat(fromB).as("only what still fits under the cap").hasSize(5);
        assertThat(engine.inflightMessages()).isEqualTo(CAP);

        var e = error(() -> receive(b, 1));
        assertThat(e.code()).isEqualTo("OverLimit");
        assertThat(e.getMessage()).isEqualTo(
                "This server holds the maximum number of in flight messages of all queues together (15).");

        engine.deleteMessage(b, fromB.get(0).receiptHandle());
        assertThat(receive(b, 10)).as("a delete makes room for one").hasSize(1);
        assertThat(engine.inflightMessages()).isEqualTo(CAP);
        assertThat(engine.memory().inflightMessages()).isEqualTo(CAP);
    }

    @Test
    void atTheCapMessagesDueForTheDeadLetterQueueStillMoveThere() {
        create("dlq");
        QueueId source = create("source", Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"arn:aws:sqs:"
                + REGION + ":" + ACCOUNT + ":dlq\",\"maxReceiveCount\":\"1\"}", "VisibilityTimeout", "0"));
        send(source, "due-1");
        send(source, "due-2");
        assertThat(receive(source, 10)).hasSize(2);
        clock.advanceSeconds(1);
        assertThat(attribute(source, "ApproximateNumberOfMessages")).as("visible again, received once").isEqualTo("2");
        QueueId a = filled("a", CAP, Map.of());
        assertThat(receive(a, 10)).hasSize(10);
        assertThat(receive(a, 10)).hasSize(5);
        assertThat(engine.inflightMessages()).isEqualTo(CAP);

        assertThat(receive(source, 1)).as("moved, one receive's worth at a time, none received").isEmpty();
        assertThat(attribute(id("dlq"), "ApproximateNumberOfMessages")).isEqualTo("2");
        assertThat(engine.inflightMessages()).isEqualTo(CAP);

        send(source, "fresh");
        assertThat(error(() -> receive(source, 1)).code()).as("a message that needs room").isEqualTo("OverLimit");
    }

    @Test
    void anEmptyQueueAnswersEmptyAtTheCap() {
        QueueId a = filled("a", 15, Map.of());
        QueueId empty = create("empty");
        assertThat(receive(a, 10)).hasSize(10);
        assertThat(receive(a, 10)).hasSize(5);
        assertThat(receive(empty, 10)).as("nothing to receive: no OverLimit").isEmpty();
    }

    @Test
    void aFifoQueueAtTheCapReturnsNothingWithoutAnError() {
        QueueId a = filled("a", 15, Map.of());
        QueueId f = filled("f.fifo", 5, Map.of("FifoQueue", "true"));
        assertThat(receive(a, 10)).hasSize(10);
        assertThat(receive(a, 10)).hasSize(5);
        assertThat(receive(f, 10)).isEmpty();
        assertThat(attribute(f, "ApproximateNumberOfMessages")).isEqualTo("5");
    }

    @Test
    void visibilityTimeoutsDeletesPurgesAndDeletedQueuesGiveRoomBack() {
        QueueId a = filled("a", 10, Map.of("VisibilityTimeout", "30"));
        QueueId b = filled("b", 10, Map.of("VisibilityTimeout", "300"));
        QueueId c = filled("c", 10, Map.of());
        assertThat(receive(a, 10)).hasSize(10);
        assertThat(receive(b, 10)).hasSize(5);
        assertThat(engine.inflightMessages()).isEqualTo(15);

        clock.advanceSeconds(31); // a's messages are visible again, and a stays idle: a receive elsewhere notices
        assertThat(receive(c, 10)).hasSize(10);
        assertThat(engine.inflightMessages()).isEqualTo(15);
        assertThat(attribute(a, "ApproximateNumberOfMessages")).isEqualTo("10");

        engine.purgeQueue(c);
        assertThat(engine.inflightMessages()).isEqualTo(5);
        engine.deleteQueue(b);
        assertThat(engine.inflightMessages()).isZero();
        assertThat(receive(a, 10)).hasSize(10);
    }

    @Test
    void theCountSurvivesARestart() {
        QueueId a = filled("a", 10, Map.of("VisibilityTimeout", "300"));
        QueueId b = filled("b", 10, Map.of());
        assertThat(receive(a, 10)).hasSize(10);
        assertThat(receive(b, 3)).hasSize(3);

        restart();

        assertThat(engine.inflightMessages()).isEqualTo(13);
        assertThat(receive(b, 10)).hasSize(2);
        assertThat(error(() -> receive(b, 1)).code()).isEqualTo("OverLimit");
    }
}
