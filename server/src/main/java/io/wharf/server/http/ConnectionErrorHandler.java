package io.wharf.server.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Last handler of every connection pipeline. A client that resets or abandons a connection is normal
 * life for a server (SDK timeouts, killed processes): close quietly. Anything else is logged once.
 */
@ChannelHandler.Sharable
final class ConnectionErrorHandler extends ChannelInboundHandlerAdapter {
    static final ConnectionErrorHandler INSTANCE = new ConnectionErrorHandler();
    private static final Logger log = LoggerFactory.getLogger(ConnectionErrorHandler.class);

    private ConnectionErrorHandler() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof io.netty.handler.codec.PrematureChannelClosureException) {
            // A reset, or a connection closed mid-request (by the client, or by a timeout of ours): normal life.
            log.debug("connection {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else if (isProtocolGarbage(cause)) {
            // A bad HTTP/2 preface, a frame or record that makes no sense: the client's fault, one line is enough.
            log.warn("connection {} sent something that is not HTTP or TLS ({}); closing it", remoteOf(ctx),
                    oneLine(cause));
        } else {
            log.warn("connection {} failed; closing it", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    /** Errors that describe what a client sent, not a fault of ours. */
    static boolean isProtocolGarbage(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof io.netty.handler.codec.http2.Http2Exception
                    || t instanceof io.netty.handler.codec.DecoderException
                    || t instanceof io.netty.handler.codec.TooLongFrameException
                    || t instanceof javax.net.ssl.SSLException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The innermost message, on one line and cut short: what the client sent can be long or contain newlines. */
    static String oneLine(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + ": " + root.getMessage();
        text = text.replaceAll("[\\p{Cntrl}]+", " ");
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static Object remoteOf(ChannelHandlerContext ctx) {
        io.netty.channel.Channel channel = ctx.channel();
        return channel.parent() != null && channel.remoteAddress() == null ? channel.parent().remoteAddress()
                : channel.remoteAddress();
    }
}
