package io.wharf.sqs.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * All queues' windows share one budget: many queues with messages hold no more in memory than the budget
 * (or {@link HotWindows#SMALLEST_WINDOW} each), and behave as if memory held everything.
 */
class HotWindowsTest extends EngineFixture {
    private static final int PER_QUEUE = 1_000;
    private static final int TOTAL = 200;
    private static final int QUEUES = 40;
    private static final int MESSAGES = 60;
    /** A queue's window when {@value #QUEUES} queues share {@value #TOTAL}: the smallest one. */
    private static final int SHARED_WINDOW = HotWindows.SMALLEST_WINDOW;
    /** The window, the quarter above it before messages leave, and the one a send adds after its own check. */
    private static final int MOST_HELD_WHEN_IDLE = SHARED_WINDOW + SHARED_WINDOW / 4 + 1;

    @Test
    void theWholeWindowWhileLittleIsHeldThenAnEvenShareNoSmallerThanTheSmallest() {
        HotWindows windows = new HotWindows(PER_QUEUE, TOTAL);
        assertThat(windows.window()).isEqualTo(PER_QUEUE);
        windows.moved(0, TOTAL / 2);
        assertThat(windows.window()).as("half the budget: no sharing yet").isEqualTo(PER_QUEUE);
        windows.moved(TOTAL / 2, TOTAL / 2 + 1);
        assertThat(windows.window()).as("one queue holds it all: the whole budget is its share").isEqualTo(TOTAL);
        windows.moved(0, 5);
        windows.moved(0, 5);
        windows.moved(0, 5);
        assertThat(windows.holding()).isEqualTo(4);
        assertThat(windows.window()).isEqualTo(TOTAL / 4);
        for (int i = 0; i < 100; i++) {
            windows.moved(0, 1);
        }
        assertThat(windows.window()).as("104 queues: 1 each, but never under the smallest")
                .isEqualTo(HotWindows.SMALLEST_WINDOW);
        for (int i = 0; i < 100; i++) {
            windows.moved(1, 0);
        }
        windows.moved(5, 0);
        windows.moved(5, 0);
        windows.moved(5, 0);
        windows.moved(TOTAL / 2 + 1, 3);
        assertThat(windows.holding()).isEqualTo(1);
        assertThat(windows.held()).isEqualTo(3);
        assertThat(windows.window()).isEqualTo(PER_QUEUE);
    }

    @Test
    void manyQueuesShareTheBudgetAndEveryMessageIsStillCountedAndReceivedOnce() throws InterruptedException {
        useLimits();
        List<QueueId> queues = fill();

        // no queue is touched again: the trimmer brings the idle ones that filled early down to their share
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (queues.stream().anyMatch(q -> engine.heldMessages(q) > MOST_HELD_WHEN_IDLE)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        for (QueueId q : queues) {
            assertThat(engine.heldMessages(q)).isLessThanOrEqualTo(MOST_HELD_WHEN_IDLE);
        }
        for (QueueId q : queues) {
            assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo(String.valueOf(MESSAGES));
        }
        assertThat(engine.heldVisibleMessages()).isLessThanOrEqualTo((long) QUEUES * MOST_HELD_WHEN_IDLE)
                .isLessThan((long) QUEUES * MESSAGES / 2);

        drainEachOnce(queues);
        assertThat(engine.heldVisibleMessages()).isZero();
    }

    @Test
    void aRestartHoldsNoMoreThanTheSharedWindowsAndDeletingQueuesGivesTheirShareBack() {
        useLimits();
        List<QueueId> queues = fill();
        engine.close();
        engine = new SqsEngine(store, clock, limits(), MASTER_KEY);

        long held = 0;
        for (QueueId q : queues) {
            held += engine.heldMessages(q);
        }
        assertThat(held).as("recovery gives every queue its share as if all held messages")
                .isEqualTo((long) QUEUES * SHARED_WINDOW);
        assertThat(engine.heldVisibleMessages()).isEqualTo(held); // every message here is visible
        for (QueueId q : queues) {
            assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo(String.valueOf(MESSAGES));
            assertThat(engine.heldMessages(q)).isLessThanOrEqualTo(MOST_HELD_WHEN_IDLE);
        }

        for (QueueId q : queues.subList(1, QUEUES)) {
            engine.deleteQueue(q);
        }
        assertThat(engine.heldVisibleMessages()).isEqualTo(engine.heldMessages(queues.getFirst()));
        // the one queue left has the whole window again: its next look takes the rest back from the store
        attribute(queues.getFirst(), "ApproximateNumberOfMessages");
        assertThat(engine.heldMessages(queues.getFirst())).isEqualTo(MESSAGES);
        drainEachOnce(queues.subList(0, 1));
    }

    @Test
    void aFifoQueueSharesTheBudgetAndItsGroupStillComesInOrder() {
        useLimits();
        QueueId fifo = create("f.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"));
        for (int i = 0; i < MESSAGES * 5; i++) {
            engine.sendMessage(fifo, new SendCommand("m" + i, null, null, null, null, "g", null));
        }
        assertThat(engine.heldVisibleMessages()).as("counted in the budget, as of its last operation but one send")
                .isBetween(engine.heldMessages(fifo) - 1L, (long) engine.heldMessages(fifo));
        assertThat(engine.heldMessages(fifo)).as("alone above half the budget: the whole budget is its window")
                .isLessThanOrEqualTo(TOTAL + TOTAL / 4 + 1);
        List<String> received = new ArrayList<>();
        List<ReceivedMessage> batch;
        while (!(batch = receive(fifo, 10)).isEmpty()) {
            batch.forEach(m -> received.add(m.body()));
            batch.forEach(m -> engine.deleteMessage(fifo, m.receiptHandle()));
        }
        assertThat(received).hasSize(MESSAGES * 5);
        for (int i = 0; i < received.size(); i++) {
            assertThat(received.get(i)).isEqualTo("m" + i);
        }
    }

    /**
     * Random work on six queues whose windows (40) share a budget of 60, so windows shrink under messages already
     * held and grow back: after every step each queue's counts add up to its messages not deleted, and at the end
     * every one of them is received exactly once.
     */
    @Test
    void randomWorkOnQueuesSharingTheBudgetKeepsEveryMessageAndTheCountsExact() {
        engine.close();
        SqsLimits small = SqsLimits.strict().withHotMessages(40).withHotMessagesTotal(60);
        engine = new SqsEngine(store, clock, small, MASTER_KEY);
        java.util.Random random = new java.util.Random(21);
        List<QueueId> queues = new ArrayList<>();
        List<Set<String>> alive = new ArrayList<>();
        List<Map<String, String>> handles = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            queues.add(create("r" + i, Map.of("VisibilityTimeout", "3")));
            alive.add(new HashSet<>());
            handles.add(new java.util.HashMap<>());
        }
        int next = 0;
        for (int step = 0; step < 4_000; step++) {
            int which = random.nextInt(3) == 0 ? random.nextInt(2) : random.nextInt(queues.size());
            QueueId q = queues.get(which);
            int op = random.nextInt(100);
            if (op < 40) {
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    String body = q.name() + "/" + next++;
                    Integer delay = random.nextInt(5) == 0 ? random.nextInt(3) : null;
                    engine.sendMessage(q, new SendCommand(body, delay, null, null, null, null, null));
                    alive.get(which).add(body);
                }
            } else if (op < 65) {
                ReceiveCommand command = new ReceiveCommand(1 + random.nextInt(10), random.nextInt(4), 0, Set.of(),
                        List.of(), null);
                for (ReceivedMessage m : engine.receiveMessage(q, command)) {
                    assertThat(alive.get(which)).as("received a deleted message").contains(m.body());
                    handles.get(which).put(m.body(), m.receiptHandle());
                }
            } else if (op < 85 && !handles.get(which).isEmpty()) {
                Map<String, String> held = handles.get(which);
                String body = List.copyOf(held.keySet()).get(random.nextInt(held.size()));
                engine.deleteMessage(q, held.remove(body));
                alive.get(which).remove(body);
            } else if (op < 97) {
                clock.advanceSeconds(random.nextInt(3));
            } else {
                engine.close();
                engine = new SqsEngine(store, clock, small, MASTER_KEY);
            }
            for (int i = 0; i < queues.size(); i++) {
                assertThat(allCounts(queues.get(i))).as("counts of %s after step %d", queues.get(i).name(), step)
                        .isEqualTo(alive.get(i).size());
            }
        }
        clock.advanceSeconds(10);
        long left = 0;
        for (int i = 0; i < queues.size(); i++) {
            List<String> drained = new ArrayList<>();
            List<ReceivedMessage> batch;
            ReceiveCommand command = new ReceiveCommand(10, 300, 0, Set.of(), List.of(), null);
            while (!(batch = engine.receiveMessage(queues.get(i), command)).isEmpty()) {
                batch.forEach(m -> drained.add(m.body()));
            }
            assertThat(drained).as("received twice").doesNotHaveDuplicates();
            assertThat(new HashSet<>(drained)).isEqualTo(alive.get(i));
            left += drained.size();
        }
        assertThat(left).as("the work left more than the budget to page").isGreaterThan(60 * 4);
    }

    private static SqsLimits limits() {
        return SqsLimits.strict().withHotMessages(PER_QUEUE).withHotMessagesTotal(TOTAL);
    }

    private void useLimits() {
        engine.close();
        engine = new SqsEngine(store, clock, limits(), MASTER_KEY);
    }

    private List<QueueId> fill() {
        List<QueueId> queues = new ArrayList<>();
        for (int i = 0; i < QUEUES; i++) {
            queues.add(create("q" + i));
        }
        for (QueueId q : queues) {
            for (int m = 0; m < MESSAGES; m++) {
                send(q, q.name() + "/" + m);
            }
        }
        return queues;
    }

    private void drainEachOnce(List<QueueId> queues) {
        for (QueueId q : queues) {
            Set<String> seen = new HashSet<>();
            List<ReceivedMessage> batch;
            while (!(batch = receive(q, 10)).isEmpty()) {
                for (ReceivedMessage m : batch) {
                    assertThat(seen.add(m.body())).as("received once: %s", m.body()).isTrue();
                    engine.deleteMessage(q, m.receiptHandle());
                }
            }
            assertThat(seen).hasSize(MESSAGES);
            assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("0");
        }
    }
}
