package io.wharf.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;

/**
 * HTTP/2 answers wait for the client's flow-control window inside Netty's flow controller, beyond the reach of the
 * connection's outbound buffer. This handler (between the frame codec and the stream multiplexer) counts the answer
 * bytes of one connection that are written but not yet sent, so that a client with a closed window and many streams
 * costs a bounded amount: past {@link ConnectionLimits#HTTP2_MAX_PENDING_ANSWER_BYTES} new requests are refused
 * ({@code REFUSED_STREAM}: not processed, safe to retry) and finished answers that do not fit are dropped
 * ({@code RST_STREAM}), and {@link ConnectionClock} closes a connection whose answers make no progress.
 */
final class Http2Answers extends ChannelOutboundHandlerAdapter {
    static final AttributeKey<ConnectionClock> CLOCK = AttributeKey.valueOf("wharf.connection-clock");

    private final ConnectionClock clock;

    Http2Answers(ConnectionClock clock) {
        this.clock = clock;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Http2DataFrame data) {
            int size = data.content().readableBytes() + data.padding();
            if (size > 0) {
                clock.http2PendingAnswerBytes(size);
                ChannelPromise tracked = promise.unvoid();
                tracked.addListener((ChannelFutureListener) done -> clock.http2PendingAnswerBytes(-size));
                ctx.write(msg, tracked);
                return;
            }
        }
        ctx.write(msg, promise);
    }

    /** The answer bytes waiting on {@code channel}'s connection, if it is an HTTP/2 stream; else 0. */
    static long pendingOnConnection(Channel channel) {
        if (!(channel instanceof Http2StreamChannel) || channel.parent() == null) {
            return 0;
        }
        ConnectionClock clock = channel.parent().attr(CLOCK).get();
        return clock == null ? 0 : clock.http2PendingAnswerBytes();
    }

    /** Whether a new request on this stream must be refused because its connection's answers are not being read. */
    static boolean refuseNewRequest(Channel channel) {
        return pendingOnConnection(channel) > ConnectionLimits.HTTP2_MAX_PENDING_ANSWER_BYTES;
    }

    /** Whether a finished answer of {@code bytes} must be dropped rather than queued behind unread ones. */
    static boolean dropAnswer(Channel channel, int bytes) {
        long pending = pendingOnConnection(channel);
        return pending > 0 && pending + bytes > ConnectionLimits.HTTP2_MAX_PENDING_ANSWER_BYTES;
    }

    /** Resets the stream with {@code error} and closes it. */
    static void reset(ChannelHandlerContext ctx, Http2Error error) {
        ctx.writeAndFlush(new DefaultHttp2ResetFrame(error)).addListener(ChannelFutureListener.CLOSE);
    }
}
