package io.wharf.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The one place a connection's pipeline is built. HTTP/1.1 today:
 * <pre>
 * http (codec) → expect-continue (413 before 100) → aggregate (bounded) → dispatch (virtual threads) → errors
 * </pre>
 * h2c (prior knowledge and Upgrade) will wrap the codec here and reuse everything after {@code aggregate}
 * per stream (shared/research/stack.md shows the arrangement).
 */
final class HttpPipeline extends ChannelInitializer<Channel> {
    /** Long enough for a Query-protocol request sent as GET with its parameters in the URL. */
    static final int MAX_INITIAL_LINE_BYTES = 64 * 1024;
    /** SigV4 and SDK headers are a few KiB; this leaves room without inviting abuse. */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    private final FrontDoorContext context;
    private final int maxRequestBytes;
    private final ConnectionTracker connections;

    HttpPipeline(FrontDoorContext context, int maxRequestBytes, ConnectionTracker connections) {
        this.context = context;
        this.maxRequestBytes = maxRequestBytes;
        this.connections = connections;
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                .setMaxHeaderSize(MAX_HEADER_BYTES)));
        pipeline.addLast("expect-continue", new RequestSizeLimit.ExpectContinue(maxRequestBytes));
        pipeline.addLast("aggregate", new RequestSizeLimit.Aggregator(maxRequestBytes));
        pipeline.addLast("dispatch", new RequestDispatcher(context));
        pipeline.addLast("errors", ConnectionErrorHandler.INSTANCE);
        connections.add(channel);
    }
}
