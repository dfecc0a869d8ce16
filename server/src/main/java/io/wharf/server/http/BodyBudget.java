package io.wharf.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The global budget of request body bytes being received (and so held by the aggregator) at once, and the handler
 * that spends it, one per connection (HTTP/1.1) or stream (HTTP/2), just before the aggregator. A body announced with
 * Content-Length reserves its whole size before a byte of it is read; a chunked one reserves as it arrives. A body that
 * does not fit is refused with an AWS-shaped 503 (SDKs retry it with back-off; {@link FrontDoorErrors} words it) and
 * the connection is closed, so stalled bodies cannot pin more memory than the budget. The reservation ends when the whole request has been handed on (the
 * gateway then holds its own copy) or the connection goes.
 */
final class BodyBudget extends ChannelInboundHandlerAdapter {
    /** The shared counter. */
    static final class Pool {
        private final long capacity;
        private final AtomicLong used = new AtomicLong();

        Pool(long capacity) {
            this.capacity = capacity;
        }

        boolean tryReserve(long bytes) {
            while (true) {
                long current = used.get();
                if (current + bytes > capacity) {
                    return false;
                }
                if (used.compareAndSet(current, current + bytes)) {
                    return true;
                }
            }
        }

        void release(long bytes) {
            used.addAndGet(-bytes);
        }

        long used() {
            return used.get();
        }

        long capacity() {
            return capacity;
        }
    }

    private final Pool pool;
    private final int maxRequestBytes;
    private long reserved;
    private boolean announced;
    private boolean refusing;
    private FrontDoorErrors.Shape shape = FrontDoorErrors.Shape.JSON;

    BodyBudget(Pool pool, int maxRequestBytes) {
        this.pool = pool;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            release();
            refusing = false;
            shape = FrontDoorErrors.shapeOf(request);
            long length = announcedLength(request);
            announced = length >= 0;
            // Larger than any request: the size limit refuses it without reading it; nothing to reserve.
            if (length > 0 && length <= maxRequestBytes && !reserve(length)) {
                refuse(ctx, msg);
                return;
            }
        }
        if (refusing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpContent content && !announced && content.content().isReadable()
                && !reserve(content.content().readableBytes())) {
            refuse(ctx, msg);
            return;
        }
        ctx.fireChannelRead(msg);
        if (msg instanceof LastHttpContent) {
            release(); // the aggregated request went on; the gateway holds its own copy
        }
    }

    /** The Content-Length, or -1 when there is none or it is not a number (the dispatcher answers that one 400). */
    private static long announcedLength(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return -1;
        }
        try {
            return HttpUtil.getContentLength(request, -1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private boolean reserve(long bytes) {
        if (!pool.tryReserve(bytes)) {
            return false;
        }
        reserved += bytes;
        return true;
    }

    private void refuse(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        release();
        refusing = true;
        ctx.fireChannelRead(new RequestSizeLimit.Rejection(FrontDoorErrors.bodyBudgetSpent(shape, pool.capacity())));
    }

    private void release() {
        if (reserved > 0) {
            pool.release(reserved);
            reserved = 0;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }
}
