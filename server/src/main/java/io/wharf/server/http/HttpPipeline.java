package io.wharf.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AsciiString;

/**
 * The one place a connection's pipeline is built. Every port speaks HTTP/1.1 and HTTP/2; an HTTP/2 stream gets the
 * same handlers as an HTTP/1.1 connection, so the gateway never knows which it was (shared/research/stack.md):
 * <pre>
 * plain:  h2c sniff ─┬─ HTTP/1.1: http codec → continue → spool → budget → expect-continue → aggregate → dispatch → errors
 *                    ├─ "Upgrade: h2c" ─┐
 *                    └─ h2 preface ─────┴─ h2 frames → per stream: to-http → continue → spool → budget → … → dispatch
 * TLS:    tls → ALPN ─┬─ "h2": h2 frames → per stream (as above)
 *                     └─ "http/1.1" or none: the plain pipeline (the SDK's Netty client sends the h2 preface with
 *                        no ALPN, so the sniff is needed here too)
 * </pre>
 * Every connection is counted against the connection cap ({@link ConnectionTracker}) and gets a
 * {@link ConnectionClock} (idle, header, body and unread-answer deadlines); each HTTP/1.1 request and HTTP/2 stream
 * spends the global {@link BodyBudget}, except object uploads, which {@link SpoolHandler} writes to disk; HTTP/2 advertises its stream and header-list limits and counts the answers
 * waiting for the client's window ({@link Http2Answers}).
 */
final class HttpPipeline extends ChannelInitializer<Channel> {
    /** Long enough for a Query-protocol request sent as GET with its parameters in the URL. */
    static final int MAX_INITIAL_LINE_BYTES = 64 * 1024;
    /** SigV4 and SDK headers are a few KiB; this leaves room without inviting abuse. */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    private final FrontDoorContext context;
    private final int maxRequestBytes;
    private final ConnectionTracker connections;
    private final SslContext tls;
    private final ConnectionLimits limits;
    private final BodyBudget.Pool bodyBytes;
    private final BodySpool spool;

    /** @param tls the TLS port's context, or null for the plain port */
    HttpPipeline(FrontDoorContext context, int maxRequestBytes, ConnectionTracker connections, SslContext tls,
                 ConnectionLimits limits, BodyBudget.Pool bodyBytes, BodySpool spool) {
        this.spool = spool;
        this.context = context;
        this.maxRequestBytes = maxRequestBytes;
        this.connections = connections;
        this.tls = tls;
        this.limits = limits;
        this.bodyBytes = bodyBytes;
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (!connections.admit(channel, tls == null)) {
            return;
        }
        ConnectionClock clock = new ConnectionClock(channel, limits, false);
        channel.attr(Http2Answers.CLOCK).set(clock);
        if (tls == null) {
            pipeline.addLast("clock", new ConnectionClock.Bytes(clock));
            cleartext(pipeline);
            return;
        }
        io.netty.handler.ssl.SslHandler sslHandler = tls.newHandler(channel.alloc());
        sslHandler.setHandshakeTimeoutMillis(limits.headerTimeout().toMillis());
        pipeline.addLast("tls", sslHandler);
        pipeline.addLast("clock", new ConnectionClock.Bytes(clock));
        pipeline.addLast("alpn", new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
            @Override
            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                    http2(ctx.pipeline(), clock);
                    ctx.pipeline().addLast("errors", ConnectionErrorHandler.INSTANCE);
                } else {
                    cleartext(ctx.pipeline());
                }
            }

            @Override
            protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close(); // a client that does not trust our certificate, a port scanner: not worth a warning
            }
        });
    }

    /** Our HTTP/2 settings: the stream and header-list limits. */
    private Http2FrameCodec http2Codec() {
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(limits.http2MaxStreams())
                        .maxHeaderListSize(MAX_HEADER_BYTES))
                .build();
    }

    /** The connection turned HTTP/2: its clock now counts streams, and its waiting answers are counted. */
    private static void becameHttp2(ChannelPipeline pipeline) {
        Http2FrameCodec codec = pipeline.get(Http2FrameCodec.class);
        ConnectionClock clock = pipeline.channel().attr(Http2Answers.CLOCK).get();
        if (codec != null && clock != null && pipeline.get("h2-answers") == null) {
            clock.http2(codec.connection());
            pipeline.addAfter(pipeline.context(codec).name(), "h2-answers", new Http2Answers(clock));
        }
    }

    /** HTTP/1.1, h2c by Upgrade, h2c by prior knowledge. */
    private void cleartext(ChannelPipeline pipeline) {
        HttpServerCodec codec = new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                .setMaxHeaderSize(MAX_HEADER_BYTES));
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(codec, protocol ->
                AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(http2Codec(),
                        new Http2MultiplexHandler(new StreamPipeline()))
                        : null, maxRequestBytes) {
            /**
             * The upgrade handler holds the whole request in memory: one with a large or unsized body (the JDK's
             * client asks for h2c on its first request, whatever it is) is served as HTTP/1.1 instead, spooled if it
             * is an upload; the client may ask again with its next request.
             */
            @Override
            protected boolean shouldHandleUpgradeRequest(io.netty.handler.codec.http.HttpRequest request) {
                long length;
                try {
                    length = io.netty.handler.codec.http.HttpUtil.getContentLength(request, 0L);
                } catch (NumberFormatException e) {
                    return false;
                }
                return length <= Math.min(spool.thresholdBytes(), maxRequestBytes)
                        && !io.netty.handler.codec.http.HttpUtil.isTransferEncodingChunked(request)
                        && super.shouldHandleUpgradeRequest(request);
            }
        };
        pipeline.addLast("http", new CleartextHttp2ServerUpgradeHandler(codec, upgrade, new PriorKnowledge()));
        pipeline.addLast("h1-only", new Http1Only());
        pipeline.addLast("h1-clock", new ConnectionClock.Messages(pipeline.channel().attr(Http2Answers.CLOCK).get()));
        addRequestHandlers(pipeline);
        pipeline.addLast("errors", ConnectionErrorHandler.INSTANCE);
    }

    /** The HTTP/1.1 request handlers of a connection that turned out to be HTTP/2: they belong to its streams. */
    private static void removeRequestHandlers(ChannelPipeline pipeline) {
        for (String name : new String[] {"h1-only", "h1-clock", "continue", "spool", "budget", "expect-continue",
                "aggregate", "dispatch"}) {
            if (pipeline.get(name) != null) {
                pipeline.remove(name);
            }
        }
    }

    /** Put in place of the h2c sniffer when a client starts with the HTTP/2 preface. */
    private final class PriorKnowledge extends io.netty.channel.ChannelHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ChannelPipeline pipeline = ctx.pipeline();
            pipeline.addAfter(ctx.name(), "h2", http2Codec());
            pipeline.addAfter("h2", "h2-streams", new Http2MultiplexHandler(new StreamPipeline()));
            removeRequestHandlers(pipeline);
            becameHttp2(pipeline);
            pipeline.remove(this);
        }
    }

    /** Watches for a successful "Upgrade: h2c", after which the connection is HTTP/2. */
    private static final class Http1Only extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof HttpServerUpgradeHandler.UpgradeEvent) {
                ChannelPipeline pipeline = ctx.pipeline();
                removeRequestHandlers(pipeline);
                becameHttp2(pipeline);
            }
            super.userEventTriggered(ctx, event);
        }
    }

    private void http2(ChannelPipeline pipeline, ConnectionClock clock) {
        Http2FrameCodec codec = http2Codec();
        pipeline.addLast("h2", codec);
        pipeline.addLast("h2-answers", new Http2Answers(clock));
        pipeline.addLast("h2-streams", new Http2MultiplexHandler(new StreamPipeline()));
        clock.http2(codec.connection());
    }

    private void addRequestHandlers(ChannelPipeline pipeline) {
        ContinueInTurn continues = new ContinueInTurn();
        pipeline.addLast("continue", continues);
        pipeline.addLast("spool", new SpoolHandler(spool, bodyBytes, maxRequestBytes, continues));
        pipeline.addLast("budget", new BodyBudget(bodyBytes, maxRequestBytes));
        pipeline.addLast("expect-continue", new RequestSizeLimit.ExpectContinue(maxRequestBytes, continues));
        pipeline.addLast("aggregate", new RequestSizeLimit.Aggregator(maxRequestBytes));
        pipeline.addLast("dispatch", new RequestDispatcher(context));
    }

    /** One HTTP/2 stream: frames to HTTP/1 objects, then exactly what an HTTP/1.1 connection has. */
    private final class StreamPipeline extends ChannelInitializer<Http2StreamChannel> {
        @Override
        protected void initChannel(Http2StreamChannel stream) {
            stream.pipeline().addLast("to-http", new Http2StreamFrameToHttpObjectCodec(true));
            stream.pipeline().addLast("stream-clock", new ConnectionClock.Messages(new ConnectionClock(stream, limits, true)));
            addRequestHandlers(stream.pipeline());
            stream.pipeline().addLast("errors", ConnectionErrorHandler.INSTANCE);
        }
    }
}
