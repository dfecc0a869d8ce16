package io.wharf.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open connections, so shutdown can close idle ones at once and the rest after their answer, and so their number
 * stays under the cap: one more is answered {@code 503} (on the plain port; closed at once on the TLS port, where a
 * plain-text answer would be noise) and closed, with one warning a minute saying how many were refused.
 */
final class ConnectionTracker {
    private static final Logger log = LoggerFactory.getLogger(ConnectionTracker.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ChannelGroup channels = new DefaultChannelGroup("wharf-connections", GlobalEventExecutor.INSTANCE);
    private final int maxConnections;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong refusedSinceWarning = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    ConnectionTracker(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /**
     * Counts a new connection in, or refuses it when the cap is reached (the channel is then answered and closed).
     *
     * @param plain whether the connection is on the plain port (a refusal can be spoken there)
     * @return true if the connection may be served
     */
    boolean admit(Channel channel, boolean plain) {
        if (channels.size() >= maxConnections) {
            refuse(channel, plain);
            return false;
        }
        channels.add(channel); // removed automatically when it closes
        return true;
    }

    private void refuse(Channel channel, boolean plain) {
        refused.incrementAndGet();
        long count = refusedSinceWarning.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            refusedSinceWarning.addAndGet(-count);
            log.warn("{} open connections, the most --max-connections allows: refused {} new connection(s) (latest "
                    + "from {}); raise --max-connections (and ulimit -n) if these are real clients", channels.size(),
                    count, channel.remoteAddress());
        }
        if (!plain) {
            channel.close();
            return;
        }
        byte[] body = ("Too many connections: the server is at its limit of " + maxConnections
                + " (--max-connections). Retry later.\n").getBytes(StandardCharsets.US_ASCII);
        String head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\nRetry-After: 1\r\n\r\n";
        channel.writeAndFlush(Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), body))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** Connections refused since start. */
    long refused() {
        return refused.get();
    }

    void closeIdle() {
        for (Channel channel : channels) {
            channel.eventLoop().execute(() -> {
                ChannelHandlerContext ctx = channel.pipeline().context(RequestDispatcher.class);
                if (ctx != null) {
                    ((RequestDispatcher) ctx.handler()).closeIfIdle(ctx);
                }
            });
        }
    }

    void closeAll() {
        channels.close().awaitUninterruptibly();
    }

    int size() {
        return channels.size();
    }
}
