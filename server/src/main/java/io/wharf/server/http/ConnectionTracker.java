package io.wharf.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

/** The open connections, so shutdown can close idle ones at once and the rest after their answer. */
final class ConnectionTracker {
    private final ChannelGroup channels = new DefaultChannelGroup("wharf-connections", GlobalEventExecutor.INSTANCE);

    void add(Channel channel) {
        channels.add(channel); // removed automatically when it closes
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
