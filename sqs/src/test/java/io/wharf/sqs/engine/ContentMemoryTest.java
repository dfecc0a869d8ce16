package io.wharf.sqs.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What memory keeps of message contents: a budget of settled ones, and nothing of deleted ones. */
class ContentMemoryTest {
    private long ordinals;

    private Message held(ContentMemory memory, String body) {
        Message m = new Message(++ordinals, null, 0);
        memory.hold(m, new MessageContent("id-" + ordinals, body, Map.of(), null, null, "AIDA", 0, null));
        return m;
    }

    @Test
    void theOldestSettledContentsGoOnceTheBudgetIsExceeded() {
        long size = new MessageContent("id-1", "x".repeat(100), Map.of(), null, null, "AIDA", 0, null).size();
        ContentMemory memory = new ContentMemory(3 * size);
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(held(memory, "x".repeat(100)));
        }
        assertThat(memory.heldBytes()).isEqualTo(5 * size); // not yet durable: all stay
        memory.settled(all);
        assertThat(all).extracting(m -> m.content != null).containsExactly(false, false, true, true, true);
        assertThat(memory.heldBytes()).isEqualTo(3 * size);
    }

    @Test
    void aDeletedMessagesContentGoesAtOnceAndTheQueueForgetsIt() {
        ContentMemory memory = new ContentMemory(1L << 30);
        for (int i = 0; i < 10_000; i++) {
            Message m = held(memory, "body " + i);
            memory.settled(List.of(m));
            memory.release(m);
            assertThat(m.content).isNull();
        }
        assertThat(memory.heldBytes()).isZero();
        assertThat(memory.queued()).isOne(); // released at the head: each forgotten by the next settle
    }

    @Test
    void oneLongLivedMessageDoesNotKeepEveryLaterDeletedOne() {
        ContentMemory memory = new ContentMemory(1L << 30);
        Message stays = held(memory, "stays for days");
        memory.settled(List.of(stays));
        for (int i = 0; i < 100_000; i++) {
            Message m = held(memory, "body " + i);
            memory.settled(List.of(m));
            memory.release(m);
        }
        assertThat(stays.content).isNotNull();
        assertThat(memory.heldBytes()).isEqualTo(stays.content.size());
        assertThat(memory.queued()).isLessThanOrEqualTo(2 + 4_096 + 1); // swept whenever released ones pile up
    }

    @Test
    void releasingTwiceOrAfterTheBudgetDroppedItCountsOnce() {
        ContentMemory memory = new ContentMemory(0);
        Message m = held(memory, "b");
        Message n = held(memory, "c");
        memory.release(m);
        memory.release(m);
        memory.settled(List.of(n)); // over a budget of 0: dropped
        memory.release(n);
        assertThat(memory.heldBytes()).isZero();
        assertThat(memory.queued()).isZero();
    }
}
