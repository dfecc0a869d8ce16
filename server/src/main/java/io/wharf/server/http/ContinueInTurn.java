package io.wharf.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The one writer of {@code 100 Continue}, one per HTTP/1.1 connection or HTTP/2 stream, first of the request handlers.
 * HTTP/1.1 answers leave in request order, and a {@code 100 Continue} is part of its request's answer: it may only go
 * once every earlier answer has been written to its end. Written at once, it could land in the middle of an earlier
 * answer still streaming from its virtual thread (the encoder then refuses it and the connection closes with no
 * answer at all — a client that read a streamed GET's last byte and sent a PUT with {@code Expect} hit exactly that),
 * or before an earlier answer not yet made (pipelining), which the client would take for that request's.
 * <pre>
 *   head in ─► heads++ ─┐                         answer's end out ─► answers++ ─► a 100 waiting and its turn? write it
 *   continueInTurn(head): not the newest head, or its body is all here ─► none (RFC 9110 §10.1.1 lets us omit it)
 *                         every earlier answer written ─► write now;  else ─► wait for the earlier answers' ends
 * </pre>
 * Only the request being received can be waiting (its body must end before the next head is decoded), so one flag is
 * enough. Everything runs on the channel's event loop.
 */
final class ContinueInTurn extends ChannelDuplexHandler {
    private long heads;
    private long answers;
    private HttpRequest newest;
    private boolean newestBodyEnded;
    private boolean waiting;
    private ChannelHandlerContext ctx;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Invites the body of {@code request} (a head that asked for it, just seen by the caller) when its turn comes. */
    void continueInTurn(HttpRequest request) {
        if (request != newest || newestBodyEnded) {
            return; // the client sent the body without waiting: nothing to invite
        }
        if (earlierAnswered()) {
            writeContinue();
        } else {
            waiting = true;
        }
    }

    private boolean earlierAnswered() {
        return answers >= heads - 1;
    }

    private void writeContinue() {
        waiting = false;
        ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE))
                .addListener(io.netty.channel.ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            heads++;
            newest = request;
            newestBodyEnded = false;
            waiting = false;
        }
        if (msg instanceof LastHttpContent) {
            newestBodyEnded = true;
            waiting = false;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        boolean answerEnds = msg instanceof LastHttpContent
                && !(msg instanceof HttpResponse response && isInterim(response));
        ctx.write(msg, promise);
        if (answerEnds) {
            answers++;
            if (waiting && earlierAnswered()) {
                writeContinue(); // behind the answer's end in the outbound queue
            }
        }
    }

    static boolean isInterim(HttpResponse response) {
        return response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        waiting = false;
        ctx.fireChannelInactive();
    }
}
