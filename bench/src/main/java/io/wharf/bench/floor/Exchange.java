package io.wharf.bench.floor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One request and its answer: parsers over the request body and a generator into the response, in the request's
 * encoding (JSON, or CBOR for Kinesis's {@code application/x-amz-cbor-1.1}). {@link #answer} may be called from any
 * thread (a long poll is answered by the sender's event loop); Netty hands the write to the channel's own loop.
 */
final class Exchange {
    private static final JsonFactory JSON = new JsonFactory();
    private static final CBORFactory CBOR = new CBORFactory();
    private static final AtomicLong REQUEST_IDS = new AtomicLong();

    /** Writes an answer's body. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator out) throws IOException;
    }

    private final ChannelHandlerContext ctx;
    private final boolean keepAlive;
    private final String contentType;
    private final boolean cbor;

    Exchange(ChannelHandlerContext ctx, boolean keepAlive, String contentType) {
        this.ctx = ctx;
        this.keepAlive = keepAlive;
        this.contentType = contentType;
        this.cbor = contentType.contains("cbor");
    }

    boolean cbor() {
        return cbor;
    }

    JsonParser parser(byte[] body) throws IOException {
        return (cbor ? CBOR : JSON).createParser(body);
    }

    /** A timestamp as the wire wants it: JSON epoch seconds, CBOR 1.1 tag 1 with epoch milliseconds. */
    void writeTimestamp(JsonGenerator out, String field, long epochMillis) throws IOException {
        out.writeFieldName(field);
        if (out instanceof CBORGenerator cborOut) {
            cborOut.writeTag(1);
            out.writeNumber(epochMillis);
        } else {
            out.writeNumber(epochMillis / 1000.0);
        }
    }

    /** Runs {@code task} on this connection's event loop after a delay (a long poll's timeout). */
    void schedule(Runnable task, long delay, java.util.concurrent.TimeUnit unit) {
        ctx.executor().schedule(task, delay, unit);
    }

    void answer(Body body) {
        send(HttpResponseStatus.OK, body, null);
    }

    /**
     * Answers with {@code body} once {@code record} is in {@code journal} (on disk, for a durable one), on this
     * connection's event loop; a failed write answers with a 500 instead.
     */
    void answerAfter(Journal journal, byte[] record, Body body) {
        journal.append(record, failure -> {
            Runnable reply = failure == null ? () -> answer(body)
                    : () -> error(500, "InternalFailure", "the floor's journal failed: " + failure, null);
            if (ctx.executor().inEventLoop()) {
                reply.run();
            } else {
                ctx.executor().execute(reply);
            }
        });
    }

    /** An AWS JSON-protocol error: {@code __type} and {@code message}, with SQS's query-compatible code header if given. */
    void error(int status, String type, String message, String queryError) {
        send(HttpResponseStatus.valueOf(status), out -> {
            out.writeStringField("__type", type);
            out.writeStringField("message", message);
        }, queryError);
    }

    private void send(HttpResponseStatus status, Body body, String queryError) {
        ByteBuf buffer = ctx.alloc().buffer();
        try (ByteBufOutputStream stream = new ByteBufOutputStream(buffer);
             JsonGenerator out = (cbor ? CBOR : JSON).createGenerator((java.io.OutputStream) stream)) {
            out.writeStartObject();
            body.write(out);
            out.writeEndObject();
        } catch (IOException | RuntimeException e) {
            buffer.release();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, buffer);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, buffer.readableBytes())
                .set("x-amzn-RequestId", Long.toString(REQUEST_IDS.incrementAndGet()));
        if (queryError != null) {
            response.headers().set("x-amzn-query-error", queryError);
        }
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
