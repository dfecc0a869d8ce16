package io.wharf.sqs.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's peek: the oldest messages in every state, and looking changes nothing. */
class PeekTest extends EngineFixture {

    @Test
    void showsTheOldestMessagesInEveryStateWithoutReceivingThem() {
        QueueId q = create("q");
        send(q, "first");
        clock.advanceSeconds(1);
        engine.sendMessage(q, new SendCommand("with attributes", null,
                Map.of("color", MessageAttributeValue.string("String", "blue")), null, null, null, null));
        clock.advanceSeconds(1);
        engine.sendMessage(q, new SendCommand("later", 60, null, null, null, null, null));
        engine.receiveMessage(q, new ReceiveCommand(1, 30, 0, Set.of(), List.of(), null));

        List<PeekedMessage> peeked = engine.peekMessages(q, 10);

        assertThat(peeked).extracting(PeekedMessage::body).containsExactly("first", "with attributes", "later");
        assertThat(peeked).extracting(PeekedMessage::state).containsExactly("IN_FLIGHT", "VISIBLE", "DELAYED");
        assertThat(peeked.get(0).receiveCount()).isEqualTo(1);
        assertThat(peeked.get(1).attributes()).containsExactly(Map.entry("color", "String: blue"));
        assertThat(engine.queueStats()).singleElement().isEqualTo(new QueueStats(q, 1, 1, 1, 2));
        assertThat(engine.peekMessages(q, 10)).as("a second look sees the same").isEqualTo(peeked);
        assertThat(engine.receiveMessage(q, new ReceiveCommand(10, 30, 0, Set.of(), List.of(), null)))
                .as("peeking made nothing invisible").extracting(ReceivedMessage::body)
                .containsExactly("with attributes");
    }

    @Test
    void aTimedOutMessageShowsAsVisibleAndTheCountIsCapped() {
        QueueId q = create("q");
        for (int i = 0; i < 60; i++) {
            send(q, "m" + i);
        }
        engine.receiveMessage(q, new ReceiveCommand(1, 5, 0, Set.of(), List.of(), null));
        clock.advanceSeconds(6);

        List<PeekedMessage> peeked = engine.peekMessages(q, 1000);

        assertThat(peeked).hasSize(Peeking.MAX_MESSAGES);
        assertThat(peeked).extracting(PeekedMessage::state).containsOnly("VISIBLE");
        assertThat(engine.peekMessages(q, 2)).extracting(PeekedMessage::body).containsExactly("m0", "m1");
    }
}
