package io.wharf.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import io.wharf.protocol.wire.WireResponse;

/**
 * The bound on request size, enforced twice: before {@code 100 Continue} (a client announcing too large
 * a body is refused before it sends it) and while aggregating (a body that turns out too large, e.g.
 * chunked). Both answer 413 (S3's 400 {@code MaxMessageLengthExceeded} to a request that is not a JSON/Query call,
 * see {@link FrontDoorErrors}) and close the connection: after an unread body the stream can't be trusted.
 * The refusal travels as a {@link Rejection} through the {@link RequestDispatcher}, so it is answered in
 * order with any earlier request on the connection.
 */
final class RequestSizeLimit {
    private RequestSizeLimit() {
    }

    /** An answer decided before the request reached the gateway; the connection closes after it. */
    record Rejection(WireResponse response) {
    }

    /** JSON/Query calls get 413 {@code RequestEntityTooLarge}; others S3's 400 {@code MaxMessageLengthExceeded}. */
    static Rejection tooLarge(HttpMessage request, int maxRequestBytes) {
        FrontDoorErrors.Shape shape = request instanceof HttpRequest r ? FrontDoorErrors.shapeOf(r)
                : FrontDoorErrors.Shape.JSON;
        return new Rejection(FrontDoorErrors.tooLarge(shape, maxRequestBytes));
    }

    /**
     * Answers {@code Expect: 100-continue}: a too-large announced body is refused instead of invited; otherwise
     * {@link ContinueInTurn} writes the {@code 100 Continue} once the earlier answers on the connection are out (what
     * Netty's {@code HttpServerExpectContinueHandler} does, but in order).
     */
    static final class ExpectContinue extends io.netty.channel.ChannelInboundHandlerAdapter {
        private final int maxRequestBytes;
        private final ContinueInTurn continues;

        ExpectContinue(int maxRequestBytes, ContinueInTurn continues) {
            this.maxRequestBytes = maxRequestBytes;
            this.continues = continues;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof HttpRequest request && HttpUtil.is100ContinueExpected(request)) {
                if (HttpUtil.getContentLength(request, -1L) > maxRequestBytes) {
                    Rejection refusal = tooLarge(request, maxRequestBytes);
                    ReferenceCountUtil.release(msg);
                    ctx.fireChannelRead(refusal);
                    return;
                }
                continues.continueInTurn(request);
                request.headers().remove(io.netty.handler.codec.http.HttpHeaderNames.EXPECT);
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** {@link HttpObjectAggregator} whose oversized answer is ours (JSON, ordered, then close). */
    static final class Aggregator extends HttpObjectAggregator {
        private final int maxRequestBytes;

        Aggregator(int maxRequestBytes) {
            super(maxRequestBytes);
            this.maxRequestBytes = maxRequestBytes;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            // The aggregator releases the message and drops the rest of its body itself.
            ctx.fireChannelRead(tooLarge(oversized, maxRequestBytes));
        }
    }
}
