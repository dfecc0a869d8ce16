package io.wharf.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The deadlines of one connection (or one HTTP/2 stream), from {@link ConnectionLimits}:
 * <pre>
 *   opened ──► AWAITING_HEAD ──head──► BODY ──last byte──► SERVING ──answer written──► IDLE ──first byte──► AWAITING_HEAD
 *              header timeout          stall / rate        no deadline (long polls,      idle timeout
 *              since first byte        (body timeout)      event streams)
 * </pre>
 * While any request is being served the connection has no read deadline: a pipelined request behind a long poll is
 * not the client's fault (the dispatcher stops reading then). Whatever the state, an answer the client does not read
 * (bytes waiting to leave and fewer than {@link ConnectionLimits#MIN_BODY_BYTES_PER_SECOND} per second of the body
 * timeout leaving) closes the connection. Once a connection speaks HTTP/2, it is idle while it has no open stream,
 * and each stream gets a clock of its own that only enforces the body timeout (cutting it resets the stream).
 * <p>
 * Everything runs on the channel's event loop; time is the event loop's ticker, so tests move it.
 * Two handlers feed it: {@link Bytes} at the head of the connection's pipeline (bytes in and out) and
 * {@link Messages} after the HTTP codec (where a request's head and body end).
 */
final class ConnectionClock {
    private static final Logger log = LoggerFactory.getLogger(ConnectionClock.class);

    enum State { AWAITING_HEAD, BODY, SERVING, IDLE, HTTP2 }

    private final Channel channel;
    private final ConnectionLimits limits;
    private final boolean stream;
    private final long tickNanos;
    private State state;
    private long since;
    private boolean bytesSinceAnswer; // part of the next request arrived while serving
    private long bodyBytes;
    private long lastBodyByteAt;
    private int serving;
    private Http2Connection http2;
    private long http2BusyAt;
    private long http2PendingAnswerBytes;
    private int pendingWrites;
    private long writeWindowStart;
    private long writtenInWindow;
    private ScheduledFuture<?> timer;
    private String closedBecause;

    /**
     * @param stream true for an HTTP/2 stream (only the body timeout applies; the connection has the rest)
     */
    ConnectionClock(Channel channel, ConnectionLimits limits, boolean stream) {
        this.channel = channel;
        this.limits = limits;
        this.stream = stream;
        long shortest = Math.min(limits.idleTimeout().toNanos(),
                Math.min(limits.headerTimeout().toNanos(), limits.bodyTimeout().toNanos()));
        this.tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(50), Math.min(TimeUnit.SECONDS.toNanos(1), shortest / 4));
        this.state = State.AWAITING_HEAD;
        this.since = now();
    }

    private long now() {
        return channel.eventLoop().ticker().nanoTime();
    }

    State state() {
        return state;
    }

    /** Why the clock closed the channel, or null. */
    String closedBecause() {
        return closedBecause;
    }

    private void start() {
        if (timer == null && channel.isOpen()) {
            since = now();
            writeWindowStart = since;
            timer = channel.eventLoop().scheduleAtFixedRate(this::check, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    // ---- what the handlers report -------------------------------------------------------------------------------

    private void bytesIn() {
        if (state == State.IDLE) {
            state = State.AWAITING_HEAD;
            since = now();
        } else if (state == State.SERVING) {
            bytesSinceAnswer = true;
        }
    }

    private void head() {
        if (serving == 0) {
            state = State.BODY;
        }
        bodyBytes = 0;
        lastBodyByteAt = now();
        since = lastBodyByteAt;
    }

    private void body(int bytes) {
        bodyBytes += bytes;
        if (bytes > 0) {
            lastBodyByteAt = now();
        }
    }

    private void requestReceived() {
        serving++;
        bytesSinceAnswer = false;
        if (state != State.HTTP2) {
            state = State.SERVING;
        }
    }

    private void answered() {
        if (serving > 0) {
            serving--;
        }
        if (serving == 0 && state == State.SERVING) {
            state = bytesSinceAnswer ? State.AWAITING_HEAD : State.IDLE;
            since = now();
            lastBodyByteAt = since;
        }
    }

    /** The connection now speaks HTTP/2: idle means no open stream. */
    void http2(Http2Connection connection) {
        http2 = connection;
        state = State.HTTP2;
        http2BusyAt = now();
    }

    /** Answer bytes queued behind the client's HTTP/2 flow-control window (+) or written or dropped (-). */
    void http2PendingAnswerBytes(long delta) {
        http2PendingAnswerBytes += delta;
    }

    long http2PendingAnswerBytes() {
        return http2PendingAnswerBytes;
    }

    private void writeStarted() {
        if (pendingWrites++ == 0) {
            writeWindowStart = now();
            writtenInWindow = 0;
        }
    }

    private void written(int bytes) {
        pendingWrites = Math.max(0, pendingWrites - 1);
        writtenInWindow += bytes;
    }

    // ---- the deadlines ------------------------------------------------------------------------------------------

    void check() {
        if (!channel.isOpen()) {
            stop();
            return;
        }
        long now = now();
        String reason = stream ? streamDeadline(now) : connectionDeadline(now);
        if (reason == null) {
            reason = writeStall(now);
        }
        if (reason != null) {
            closedBecause = reason;
            log.debug("closing {} {}: {}", stream ? "stream of" : "connection", remote(), reason);
            stop();
            channel.close();
        }
    }

    private String streamDeadline(long now) {
        return state == State.BODY ? bodyDeadline(now) : null;
    }

    private String connectionDeadline(long now) {
        return switch (state) {
            case AWAITING_HEAD -> now - since >= limits.headerTimeout().toNanos()
                    ? "request headers not complete within " + limits.headerTimeout().toSeconds() + " s" : null;
            case BODY -> bodyDeadline(now);
            case SERVING -> null;
            case IDLE -> now - since >= limits.idleTimeout().toNanos()
                    ? "idle for " + limits.idleTimeout().toSeconds() + " s" : null;
            case HTTP2 -> {
                if (http2.numActiveStreams() > 0) {
                    http2BusyAt = now;
                    yield null;
                }
                yield now - http2BusyAt >= limits.idleTimeout().toNanos()
                        ? "no HTTP/2 stream for " + limits.idleTimeout().toSeconds() + " s" : null;
            }
        };
    }

    private String bodyDeadline(long now) {
        long timeout = limits.bodyTimeout().toNanos();
        if (now - lastBodyByteAt >= timeout) {
            return "request body stalled for " + limits.bodyTimeout().toSeconds() + " s";
        }
        long elapsed = now - since;
        if (elapsed >= timeout
                && bodyBytes * TimeUnit.SECONDS.toNanos(1) < ConnectionLimits.MIN_BODY_BYTES_PER_SECOND * elapsed) {
            return "request body slower than " + ConnectionLimits.MIN_BODY_BYTES_PER_SECOND + " bytes/s";
        }
        return null;
    }

    /** An answer waiting for a client that does not read it. */
    private String writeStall(long now) {
        if (!answerWaiting()) {
            writeWindowStart = now;
            writtenInWindow = 0;
            return null;
        }
        long timeout = limits.bodyTimeout().toNanos();
        if (now - writeWindowStart < timeout) {
            return null;
        }
        long expected = ConnectionLimits.MIN_BODY_BYTES_PER_SECOND * limits.bodyTimeout().toSeconds();
        if (writtenInWindow >= expected) {
            writeWindowStart = now;
            writtenInWindow = 0;
            return null;
        }
        return "the client did not read its answer for " + limits.bodyTimeout().toSeconds() + " s";
    }

    private boolean answerWaiting() {
        if (stream) {
            return false;
        }
        if (http2PendingAnswerBytes > 0) {
            return true;
        }
        ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
        return pendingWrites > 0 && outbound != null && outbound.totalPendingWriteBytes() > 0;
    }

    private Object remote() {
        Channel connection = stream && channel.parent() != null ? channel.parent() : channel;
        return connection.remoteAddress();
    }

    // ---- the handlers -------------------------------------------------------------------------------------------

    /** Head of a connection's pipeline (after TLS): starts and stops the clock, sees bytes come and go. */
    static final class Bytes extends ChannelDuplexHandler {
        private final ConnectionClock clock;

        Bytes(ConnectionClock clock) {
            this.clock = clock;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            if (ctx.channel().isActive()) {
                clock.start();
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            clock.start();
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            clock.stop();
            ctx.fireChannelInactive();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            clock.stop();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
                clock.bytesIn();
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            int size = msg instanceof ByteBuf bytes ? bytes.readableBytes()
                    : msg instanceof ByteBufHolder holder ? holder.content().readableBytes() : 0;
            if (size == 0) {
                ctx.write(msg, promise);
                return;
            }
            clock.writeStarted();
            ChannelPromise tracked = promise.unvoid();
            tracked.addListener((ChannelFutureListener) future -> clock.written(future.isSuccess() ? size : 0));
            ctx.write(msg, tracked);
        }
    }

    /**
     * After the HTTP codec (HTTP/1.1) or a stream's frame-to-HTTP codec (HTTP/2): where a request's head arrives,
     * its body goes on and ends, and its answer is written. On a stream it also starts and stops the clock.
     */
    static final class Messages extends ChannelDuplexHandler {
        private final ConnectionClock clock;

        Messages(ConnectionClock clock) {
            this.clock = clock;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            if (clock.stream && ctx.channel().isActive()) {
                clock.start();
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (clock.stream) {
                clock.start();
            }
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (clock.stream) {
                clock.stop();
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            if (clock.stream) {
                clock.stop();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                clock.head();
            }
            if (msg instanceof HttpContent content) {
                clock.body(content.content().readableBytes());
                if (msg instanceof LastHttpContent) {
                    clock.requestReceived();
                    if (clock.stream) {
                        clock.stop(); // the stream's answer is the connection's business now
                    }
                }
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            // A 100 Continue is not the answer: the request is still coming.
            if (msg instanceof LastHttpContent && !(msg instanceof FullHttpResponse response
                    && ContinueInTurn.isInterim(response))) {
                ChannelPromise tracked = promise.unvoid();
                tracked.addListener((ChannelFutureListener) future -> clock.answered());
                ctx.write(msg, tracked);
                return;
            }
            ctx.write(msg, promise);
        }
    }
}
