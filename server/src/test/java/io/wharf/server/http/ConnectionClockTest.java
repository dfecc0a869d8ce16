package io.wharf.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The deadlines' state machine on an embedded channel whose clock the test moves: no sleeping, no real time. */
class ConnectionClockTest {
    private static final ConnectionLimits LIMITS = ConnectionLimits.DEFAULTS.withIdleTimeout(Duration.ofSeconds(30))
            .withHeaderTimeout(Duration.ofSeconds(10)).withBodyTimeout(Duration.ofSeconds(10));

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ConnectionClock clock = new ConnectionClock(channel, LIMITS, false);

    ConnectionClockTest() {
        channel.freezeTime();
        channel.pipeline().addLast(new ConnectionClock.Bytes(clock), new HttpServerCodec(),
                new ConnectionClock.Messages(clock));
    }

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    private void advanceSeconds(long seconds) {
        for (long i = 0; i < seconds * 4; i++) { // in quarter seconds, as the clock ticks
            channel.advanceTimeBy(250, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
        }
    }

    private void receive(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
        for (Object msg = channel.readInbound(); msg != null; msg = channel.readInbound()) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void answer() {
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        for (Object msg = channel.readOutbound(); msg != null; msg = channel.readOutbound()) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Test
    void aNewConnectionMustSendItsHeadersWithinTheHeaderTimeout() {
        advanceSeconds(9);
        receive("GET / HTTP/1.1\r\nHost: x\r\n");
        assertThat(channel.isOpen()).isTrue();
        advanceSeconds(2);
        assertThat(channel.isOpen()).isFalse();
        assertThat(clock.closedBecause()).isEqualTo("request headers not complete within 10 s");
    }

    @Test
    void aRequestBeingServedHasNoDeadlineThenTheConnectionIsIdle() {
        receive("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(clock.state()).isEqualTo(ConnectionClock.State.SERVING);
        advanceSeconds(600); // a long poll, an event stream: never cut
        assertThat(channel.isOpen()).isTrue();
        answer();
        assertThat(clock.state()).isEqualTo(ConnectionClock.State.IDLE);
        advanceSeconds(29);
        assertThat(channel.isOpen()).isTrue();
        advanceSeconds(2);
        assertThat(channel.isOpen()).isFalse();
        assertThat(clock.closedBecause()).isEqualTo("idle for 30 s");
    }

    @Test
    void theNextRequestsHeadersRestartTheHeaderClockFromItsFirstByte() {
        receive("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        answer();
        advanceSeconds(25);
        receive("GET /next HTTP/1.1\r\n"); // idle for 25 s, then the header timeout from here
        advanceSeconds(9);
        assertThat(channel.isOpen()).isTrue();
        advanceSeconds(2);
        assertThat(clock.closedBecause()).isEqualTo("request headers not complete within 10 s");
    }

    @Test
    void aStalledBodyIsCut() {
        receive("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(20_000));
        assertThat(clock.state()).isEqualTo(ConnectionClock.State.BODY);
        advanceSeconds(9);
        receive("x".repeat(20_000)); // progress (and above the minimum rate): the stall clock restarts
        advanceSeconds(9);
        assertThat(channel.isOpen()).isTrue();
        advanceSeconds(2);
        assertThat(channel.isOpen()).isFalse();
        assertThat(clock.closedBecause()).isEqualTo("request body stalled for 10 s");
    }

    @Test
    void aBodyBelowTheMinimumRateIsCutOnceItHasTakenTheBodyTimeout() {
        receive("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
        for (int i = 0; i < 12 && channel.isOpen(); i++) {
            receive("x".repeat(100)); // 100 bytes/s: never a stall, far below 1 KiB/s
            advanceSeconds(1);
        }
        assertThat(channel.isOpen()).isFalse();
        assertThat(clock.closedBecause()).isEqualTo("request body slower than 1024 bytes/s");
    }

    @Test
    void aBodyAtAnHonestRateIsNotCut() {
        receive("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
        for (int i = 0; i < 40; i++) {
            receive("x".repeat(2000));
            advanceSeconds(1);
        }
        assertThat(channel.isOpen()).isTrue();
        assertThat(clock.state()).isEqualTo(ConnectionClock.State.BODY);
    }
}
