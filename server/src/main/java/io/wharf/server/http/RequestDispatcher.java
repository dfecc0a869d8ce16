package io.wharf.server.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import io.wharf.protocol.Gateway;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;

/**
 * One per connection: answers its requests strictly in arrival order (HTTP/1.1 pipelining), one at a
 * time, each gateway call on a virtual thread. While a request is being served the connection stops
 * reading, which bounds what one client can queue. All fields are touched only on the channel's event loop.
 */
final class RequestDispatcher extends ChannelInboundHandlerAdapter {
    static final String HEALTH_PATH = "/_wharf/health";
    /** Requests already decoded from one read while another is being served; more is abuse. */
    private static final int MAX_PIPELINED = 32;
    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    /** What a connection is waiting to answer. */
    private sealed interface Exchange {
    }

    /** A call for {@code gateway} (the AWS gateway, or the metrics endpoint's), run on a virtual thread. */
    private record ForGateway(WireRequest request, boolean keepAlive, Gateway gateway) implements Exchange {
        ForGateway(WireRequest request, boolean keepAlive) {
            this(request, keepAlive, null);
        }
    }

    private record Immediate(WireResponse response, boolean keepAlive) implements Exchange {
    }

    private final FrontDoorContext context;
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
    private boolean busy;

    RequestDispatcher(FrontDoorContext context) {
        this.context = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange exchange;
        try {
            exchange = exchangeFor(ctx, msg);
        } finally {
            ReferenceCountUtil.release(msg);
        }
        if (exchange == null) {
            return;
        }
        context.inFlight().enter();
        if (busy) {
            waiting.add(exchange);
            ReadPause.of(ctx.channel()).pause(ReadPause.Reason.PIPELINED);
            if (waiting.size() > MAX_PIPELINED) {
                ctx.close();
            }
            return;
        }
        start(ctx, exchange);
    }

    private Exchange exchangeFor(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RequestSizeLimit.Rejection rejection) {
            return new Immediate(rejection.response(), false);
        }
        if (msg instanceof SpooledRequest spooled) {
            try {
                return new ForGateway(WireMessages.toWire(spooled, sourceIp(ctx.channel()), secure(ctx.channel())),
                        HttpUtil.isKeepAlive(spooled.head()));
            } catch (IllegalArgumentException e) { // a malformed %-escape in the URI
                BodySpool.delete(spooled.file());
                return new Immediate(FrontDoorErrors.malformed(FrontDoorErrors.shapeOf(spooled.head()),
                        "Malformed request URI: " + e.getMessage()), false);
            }
        }
        if (!(msg instanceof FullHttpRequest request)) {
            return null;
        }
        if (request.decoderResult().isFailure()) {
            return new Immediate(FrontDoorErrors.malformed(FrontDoorErrors.shapeOf(request),
                    "Malformed HTTP request: " + request.decoderResult().cause().getMessage()), false);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        WireResponse health = request.method().equals(HttpMethod.GET) ? Health.answer(pathOf(request.uri()), context) : null;
        if (health != null) {
            return new Immediate(health, keepAlive);
        }
        Gateway metrics = context.metrics();
        boolean toMetrics = metrics != null && request.method().equals(HttpMethod.GET)
                && Health.METRICS_PATH.equals(pathOf(request.uri()));
        Gateway console = context.console();
        if (console != null && ConsoleDoor.browserAtRoot(request)) {
            return new Immediate(ConsoleDoor.REDIRECT, keepAlive);
        }
        boolean toConsole = console != null && ConsoleDoor.isConsolePath(pathOf(request.uri()));
        try {
            return new ForGateway(WireMessages.toWire(request, sourceIp(ctx.channel()), secure(ctx.channel())), keepAlive,
                    toMetrics ? metrics : toConsole ? console : null);
        } catch (IllegalArgumentException e) { // a malformed %-escape in the URI
            return new Immediate(FrontDoorErrors.malformed(FrontDoorErrors.shapeOf(request),
                    "Malformed request URI: " + e.getMessage()), false);
        }
    }

    private static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private void start(ChannelHandlerContext ctx, Exchange exchange) {
        busy = true;
        switch (exchange) {
            case Immediate immediate -> write(ctx, immediate.response(), immediate.keepAlive(), false);
            case ForGateway call -> {
                if (Http2Answers.refuseNewRequest(ctx.channel())) {
                    // The connection's earlier answers are not being read: don't make more.
                    log.debug("refusing a stream of {}: answers not read", ctx.channel().parent().remoteAddress());
                    BodySpool.delete(call.request().bodyFile());
                    Http2Answers.reset(ctx, io.netty.handler.codec.http2.Http2Error.REFUSED_STREAM);
                    answered(ctx, false);
                    return;
                }
                boolean toHead = "HEAD".equals(call.request().method());
                try {
                    context.executor().execute(() -> {
                        Runnable bodyServed = () -> BodySpool.delete(call.request().bodyFile());
                        try {
                            WireResponse response = call(call.gateway() != null ? call.gateway() : context.gateway(),
                                    call.request());
                            if (response.stream() != null && !toHead) {
                                stream(ctx, response, call.keepAlive(), bodyServed);
                                return;
                            }
                            // The answer is made: the spooled body has served (unless an operation moved it away),
                            // and goes before the client can see the answer.
                            bodyServed.run();
                            try {
                                ctx.executor().execute(() -> write(ctx, response, call.keepAlive(), toHead));
                            } catch (RejectedExecutionException e) {
                                // The event loop is gone (shutdown gave up waiting): nobody can be answered.
                                context.inFlight().exit();
                            }
                        } finally {
                            bodyServed.run(); // whatever happened
                        }
                    });
                } catch (RejectedExecutionException e) {
                    BodySpool.delete(call.request().bodyFile());
                    write(ctx, FrontDoorErrors.shuttingDown(FrontDoorErrors.shapeOf(call.request())), false, false);
                }
            }
        }
    }

    /** Runs the gateway; whatever goes wrong becomes an AWS-shaped 500, never a stack trace on the wire. */
    static WireResponse call(Gateway gateway, WireRequest request) {
        try {
            WireResponse response = gateway.handle(request);
            if (response == null) {
                throw new IllegalStateException("gateway returned no response");
            }
            return response;
        } catch (Throwable failure) {
            String id = UUID.randomUUID().toString();
            log.error("internal failure {} answering {} {}", id, request.method(), request.path(), failure);
            return FrontDoorErrors.internalFailure(FrontDoorErrors.shapeOf(request), id);
        }
    }

    private void write(ChannelHandlerContext ctx, WireResponse response, boolean keepAlive, boolean toHead) {
        if (Http2Answers.dropAnswer(ctx.channel(), response.body().length)) {
            log.debug("dropping an answer of {} bytes to {}: earlier answers not read", response.body().length,
                    ctx.channel().parent().remoteAddress());
            Http2Answers.reset(ctx, io.netty.handler.codec.http2.Http2Error.ENHANCE_YOUR_CALM);
            answered(ctx, false);
            return;
        }
        boolean keepOpen = keepAlive && !context.draining() && ctx.channel().isActive();
        ctx.writeAndFlush(WireMessages.toNetty(response, keepOpen, toHead))
                .addListener((ChannelFutureListener) written -> answered(ctx, keepOpen && written.isSuccess()));
    }

    /** After an answer went out (or failed): the next pipelined request, or more reading, or closing. */
    private void answered(ChannelHandlerContext ctx, boolean keepOpen) {
        context.inFlight().exit();
        busy = false;
        if (!keepOpen) {
            ctx.close();
            return;
        }
        Exchange next = waiting.poll();
        if (next != null) {
            start(ctx, next);
        } else {
            ReadPause.of(ctx.channel()).resume(ReadPause.Reason.PIPELINED);
        }
    }

    /**
     * A streamed answer (event streams, object bytes), on the request's virtual thread: the head, then every piece the
     * stream writes, each flushed and awaited (which is the back-pressure: one piece at a time is in memory however
     * slowly the client reads), then the end. A client that goes away ends the stream with an IOException from
     * {@link WireResponse.Sink#write}; the connection (HTTP/1.1) or the stream (HTTP/2) is then closed. An answer that
     * declared its Content-Length must write exactly that many bytes: more is refused, and fewer closes the connection
     * (or resets the stream) instead of ending the answer, so the client sees a broken transfer, not a short object.
     */
    private void stream(ChannelHandlerContext ctx, WireResponse response, boolean keepAlive, Runnable bodyServed) {
        boolean complete = false;
        long declared = WireMessages.declaredLength(response);
        long[] written = {0};
        try {
            if (awaitWrite(ctx, WireMessages.streamHead(response))) {
                response.stream().writeTo(new WireResponse.Sink() {
                    @Override
                    public void write(byte[] chunk) throws java.io.IOException, InterruptedException {
                        if (declared >= 0 && written[0] + chunk.length > declared) {
                            throw new java.io.IOException("the stream wrote more than its Content-Length of "
                                    + declared + " bytes");
                        }
                        written[0] += chunk.length;
                        if (chunk.length > 0 && !awaitWrite(ctx, new io.netty.handler.codec.http.DefaultHttpContent(
                                io.netty.buffer.Unpooled.wrappedBuffer(chunk)))) {
                            throw new java.io.IOException("the client went away");
                        }
                    }

                    @Override
                    public boolean open() {
                        return ctx.channel().isActive() && !context.draining();
                    }
                });
                bodyServed.run(); // before the answer's end reaches the client
                if (declared >= 0 && written[0] != declared) {
                    log.error("stream to {} ended after {} of its {} bytes; closing", ctx.channel().remoteAddress(),
                            written[0], declared);
                } else {
                    complete = awaitWrite(ctx, io.netty.handler.codec.http.LastHttpContent.EMPTY_LAST_CONTENT);
                }
            }
        } catch (java.io.IOException | InterruptedException e) {
            log.debug("stream to {} ended early: {}", ctx.channel().remoteAddress(), e.toString());
        } catch (RuntimeException e) {
            log.error("stream to {} failed", ctx.channel().remoteAddress(), e);
        }
        boolean keepOpen = complete && keepAlive && !context.draining();
        try {
            ctx.executor().execute(() -> answered(ctx, keepOpen));
        } catch (RejectedExecutionException e) {
            context.inFlight().exit();
        }
    }

    private static boolean awaitWrite(ChannelHandlerContext ctx, Object message) throws InterruptedException {
        return ctx.writeAndFlush(message).await().isSuccess();
    }

    /** Shutdown: a connection with nothing to answer closes now; a busy one closes after its answer. */
    void closeIfIdle(ChannelHandlerContext ctx) {
        if (!busy && waiting.isEmpty()) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Requests queued behind the one being served will never be answered now.
        for (Exchange exchange; (exchange = waiting.poll()) != null; ) {
            context.inFlight().exit();
            if (exchange instanceof ForGateway call) {
                BodySpool.delete(call.request().bodyFile());
            }
        }
        ctx.fireChannelInactive();
    }

    /** The peer's IP address (an HTTP/2 stream's is its connection's), or null when the channel has none. */
    private static String sourceIp(io.netty.channel.Channel channel) {
        java.net.SocketAddress address = channel.remoteAddress();
        if (address instanceof java.net.InetSocketAddress inet && inet.getAddress() != null) {
            String ip = inet.getAddress().getHostAddress();
            int scope = ip.indexOf('%');
            return scope < 0 ? ip : ip.substring(0, scope);
        }
        return null;
    }

    /** Whether the request came over TLS: TLS is on the connection's pipeline (the stream's parent for HTTP/2). */
    private static boolean secure(io.netty.channel.Channel channel) {
        for (io.netty.channel.Channel c = channel; c != null; c = c.parent()) {
            if (c.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null) {
                return true;
            }
        }
        return false;
    }
}
