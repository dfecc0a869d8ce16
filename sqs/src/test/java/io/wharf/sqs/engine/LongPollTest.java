package io.wharf.sqs.engine;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Long polling parks on the queue's condition and wakes on send; real time, kept well under a second. */
class LongPollTest extends EngineFixture {

    @Test
    void waitingReceiverWakesOnSend() throws Exception {
        QueueId q = create("q");
        CompletableFuture<List<ReceivedMessage>> waiting = CompletableFuture.supplyAsync(() ->
                engine.receiveMessage(q, new ReceiveCommand(10, null, 20, Set.of(), List.of(), null)));
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        long start = System.nanoTime();
        send(q, "wake up");
        List<ReceivedMessage> got = waiting.get(2, TimeUnit.SECONDS);
        assertThat(got).extracting(ReceivedMessage::body).containsExactly("wake up");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void waitEndsEmptyAfterTheWaitTime() {
        QueueId q = create("q");
        long start = System.nanoTime();
        assertThat(engine.receiveMessage(q, new ReceiveCommand(1, null, 1, Set.of(), List.of(), null))).isEmpty();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(900));
    }

    @Test
    void waitEndsWhenADelayedMessageBecomesVisible() {
        engine.close();
        engine = new SqsEngine(store, Clock.systemUTC(), SqsLimits.strict(), MASTER_KEY);
        QueueId q = create("q");
        engine.sendMessage(q, new SendCommand("later", 1, null, null, null, null, null));
        long start = System.nanoTime();
        assertThat(engine.receiveMessage(q, new ReceiveCommand(1, null, 5, Set.of(), List.of(), null)))
                .extracting(ReceivedMessage::body).containsExactly("later");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(1900));
    }
}
