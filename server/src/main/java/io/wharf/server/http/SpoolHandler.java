package io.wharf.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes large object uploads out of memory: one per HTTP/1.1 connection or HTTP/2 stream, before the
 * {@link BodyBudget} and the aggregator. A PUT or POST that is not a JSON or Query call ({@link FrontDoorErrors#jsonOrQuery})
 * and whose body is larger than the threshold is written to a {@link BodySpool} file as it arrives, and goes on as one
 * {@link SpooledRequest}; everything else passes untouched.
 * <pre>
 *   head ─┬─ not an upload, or Content-Length ≤ threshold ──────────────────────────► PASS (budget, aggregator)
 *         ├─ Content-Length > 5 GiB (+ aws-chunked framing) ─► 400 EntityTooLarge ─► DISCARD the body, close
 *         ├─ Content-Length > threshold ─► room on disk? ─no─► 503 SlowDown ────────► DISCARD
 *         │                                            └yes─► 100 Continue if asked ► SPOOL ─end─► SpooledRequest
 *         └─ chunked, no length ─► 100 Continue if asked ─► HOLD (in memory, spending the budget)
 *                                     ├─ ends within the threshold ─► replayed as it came ─► PASS
 *                                     └─ grows past it ─► SPOOL (the held bytes first)
 * </pre>
 * The disk is the budget for spooled bodies: a body announced larger than the free space minus the margin is refused
 * before it is read, and a chunked one is checked again every {@link #FREE_SPACE_CHECK_BYTES}. Writing happens off the
 * event loop ({@link SpoolFile}); while more than {@link #MAX_UNWRITTEN_BYTES} wait for the disk, reading pauses.
 * A connection that goes away mid-upload deletes its file. Requests that arrive (pipelined) while a spooled body is
 * still being written wait here, so the dispatcher sees them in order.
 */
final class SpoolHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SpoolHandler.class);
    /** Bytes received but not yet on disk before reading pauses. */
    static final long MAX_UNWRITTEN_BYTES = 1024 * 1024;
    /** How often a chunked upload re-checks the free space. */
    static final long FREE_SPACE_CHECK_BYTES = 64L * 1024 * 1024;

    private enum Mode { PASS, HOLD, SPOOL, FINISHING, DISCARD }

    private final BodySpool spool;
    private final BodyBudget.Pool budget;
    private final long thresholdBytes;
    private final ContinueInTurn continues;
    private Mode mode = Mode.PASS;
    private HttpRequest head;
    private long maxBytes;
    private long received;
    private long nextSpaceCheck;
    private final List<HttpContent> held = new ArrayList<>();
    private long reserved;
    private SpoolFile file;
    /** Set on the event loop, read by the writer's thread to decide whether to wake the event loop. */
    private volatile boolean pausedReading;
    private final ArrayDeque<Object> afterFinish = new ArrayDeque<>();

    /**
     * @param maxRequestBytes the largest body the aggregator holds: a larger upload is spooled even below the threshold
     */
    SpoolHandler(BodySpool spool, BodyBudget.Pool budget, int maxRequestBytes, ContinueInTurn continues) {
        this.spool = spool;
        this.continues = continues;
        this.budget = budget;
        this.thresholdBytes = Math.min(spool.thresholdBytes(), maxRequestBytes);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (mode == Mode.FINISHING) {
            afterFinish.add(msg); // a pipelined request behind the body being written: it waits its turn
            return;
        }
        if (msg instanceof io.netty.handler.codec.http.FullHttpRequest) {
            mode = Mode.PASS; // already whole (an HTTP/2 request with no DATA frames, an h2c upgrade): nothing to spool
            ctx.fireChannelRead(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            start(ctx, request);
            if (mode == Mode.PASS) {
                ctx.fireChannelRead(msg);
                return;
            }
            return;
        }
        if (msg instanceof HttpContent content && mode != Mode.PASS) {
            body(ctx, content);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** Decides what happens to a new request's body. */
    private void start(ChannelHandlerContext ctx, HttpRequest request) {
        mode = Mode.PASS;
        received = 0;
        if (!isUpload(request)) {
            return;
        }
        long length;
        try {
            length = HttpUtil.getContentLength(request, -1L);
        } catch (NumberFormatException e) {
            return; // the dispatcher answers the malformed length
        }
        boolean awsChunked = isAwsChunked(request);
        maxBytes = BodySpool.MAX_OBJECT_BYTES + (awsChunked ? BodySpool.MAX_AWS_CHUNKED_OVERHEAD_BYTES : 0);
        if (length > maxBytes || decodedLength(request) > BodySpool.MAX_OBJECT_BYTES) {
            refuse(ctx, FrontDoorErrors.objectTooLarge());
            return;
        }
        if (length > thresholdBytes) {
            if (!spool.hasRoomFor(length)) {
                refuse(ctx, FrontDoorErrors.diskFull());
                return;
            }
            if (!openFile(ctx)) {
                return;
            }
            acceptBody(request);
            head = headOnly(request);
            mode = Mode.SPOOL;
            return;
        }
        if (length < 0 && HttpUtil.isTransferEncodingChunked(request)) {
            acceptBody(request);
            head = headOnly(request);
            mode = Mode.HOLD;
        }
    }

    private void body(ChannelHandlerContext ctx, HttpContent content) {
        switch (mode) {
            case DISCARD -> content.release();
            case HOLD -> hold(ctx, content);
            case SPOOL -> spool(ctx, content);
            default -> throw new IllegalStateException("body in mode " + mode);
        }
        if (content instanceof LastHttpContent && mode == Mode.DISCARD) {
            mode = Mode.PASS;
        }
    }

    private void hold(ChannelHandlerContext ctx, HttpContent content) {
        int size = content.content().readableBytes();
        if (received + size > thresholdBytes) {
            if (!spool.hasRoomFor(FREE_SPACE_CHECK_BYTES)) {
                content.release();
                releaseHeld();
                refuse(ctx, FrontDoorErrors.diskFull());
                return;
            }
            if (!openFile(ctx)) {
                content.release();
                releaseHeld();
                return;
            }
            List<HttpContent> earlier = new ArrayList<>(held);
            held.clear();
            releaseReservation();
            mode = Mode.SPOOL;
            received = 0;
            for (HttpContent piece : earlier) {
                spool(ctx, piece);
            }
            if (mode == Mode.SPOOL) {
                spool(ctx, content);
            } else {
                content.release();
            }
            return;
        }
        if (size > 0 && !budget.tryReserve(size)) {
            content.release();
            releaseHeld();
            refuse(ctx, FrontDoorErrors.bodyBudgetSpent(FrontDoorErrors.Shape.XML, budget.capacity()));
            return;
        }
        reserved += size;
        received += size;
        held.add(content);
        if (content instanceof LastHttpContent) { // small after all: on it goes, as it came
            List<HttpContent> pieces = new ArrayList<>(held);
            held.clear();
            releaseReservation();
            mode = Mode.PASS;
            ctx.fireChannelRead(head);
            for (HttpContent piece : pieces) {
                ctx.fireChannelRead(piece);
            }
        }
    }

    private void spool(ChannelHandlerContext ctx, HttpContent content) {
        if (content.decoderResult().isFailure()) { // broken chunked framing: the upload is not what was sent
            String why = String.valueOf(content.decoderResult().cause().getMessage());
            content.release();
            abortFile();
            refuse(ctx, FrontDoorErrors.malformed(FrontDoorErrors.Shape.XML, "Malformed HTTP request: " + why));
            return;
        }
        int size = content.content().readableBytes();
        received += size;
        if (received > maxBytes) {
            content.release();
            abortFile();
            refuse(ctx, FrontDoorErrors.objectTooLarge());
            return;
        }
        IOException failure = file.failure();
        if (failure != null || (received >= nextSpaceCheck && !spool.hasRoomFor(FREE_SPACE_CHECK_BYTES))) {
            content.release();
            abortFile();
            refuse(ctx, failure == null || isNoSpace(failure) ? FrontDoorErrors.diskFull() : FrontDoorErrors.spoolFailed());
            return;
        }
        if (received >= nextSpaceCheck) {
            nextSpaceCheck = received + FREE_SPACE_CHECK_BYTES;
        }
        boolean last = content instanceof LastHttpContent;
        ByteBuf bytes = content.content();
        long waiting = size > 0 ? file.append(bytes.retain()) : 0;
        content.release();
        if (waiting > MAX_UNWRITTEN_BYTES && !pausedReading) {
            pausedReading = true;
            ReadPause.of(ctx.channel()).pause(ReadPause.Reason.SPOOLING);
        }
        if (last) {
            finish(ctx);
        }
    }

    /** The last byte arrived: once the file is complete, the request goes on. */
    private void finish(ChannelHandlerContext ctx) {
        mode = Mode.FINISHING;
        if (!pausedReading) { // what is pipelined behind waits in the socket, not here
            pausedReading = true;
            ReadPause.of(ctx.channel()).pause(ReadPause.Reason.SPOOLING);
        }
        SpoolFile finishing = file;
        HttpRequest request = head;
        long length = received;
        finishing.finish(failure -> ctx.executor().execute(() -> {
            if (file != finishing) {
                return; // the connection went away meanwhile: the file is gone
            }
            file = null;
            mode = Mode.PASS;
            resumeReading(ctx);
            if (failure != null) {
                log.warn("cannot write a request body to {}: {}", finishing.path(), failure.toString());
                BodySpool.delete(finishing.path());
                ctx.fireChannelRead(new RequestSizeLimit.Rejection(
                        isNoSpace(failure) ? FrontDoorErrors.diskFull() : FrontDoorErrors.spoolFailed()));
            } else {
                ctx.fireChannelRead(new SpooledRequest(request, finishing.path(), length));
            }
            replayWaiting(ctx);
        }));
    }

    private void replayWaiting(ChannelHandlerContext ctx) {
        while (mode != Mode.FINISHING && !afterFinish.isEmpty()) {
            channelRead(ctx, afterFinish.poll());
        }
    }

    private boolean openFile(ChannelHandlerContext ctx) {
        try {
            file = new SpoolFile(spool.newFile(), waiting -> {
                if (pausedReading && waiting <= MAX_UNWRITTEN_BYTES / 2) {
                    ctx.executor().execute(() -> resumeReading(ctx));
                }
            });
            nextSpaceCheck = FREE_SPACE_CHECK_BYTES;
            return true;
        } catch (IOException e) {
            log.warn("cannot create a spool file in {}: {}", spool.directory(), e.toString());
            refuse(ctx, isNoSpace(e) ? FrontDoorErrors.diskFull() : FrontDoorErrors.spoolFailed());
            return false;
        }
    }

    private void resumeReading(ChannelHandlerContext ctx) {
        if (pausedReading && mode != Mode.FINISHING) {
            pausedReading = false;
            ReadPause.of(ctx.channel()).resume(ReadPause.Reason.SPOOLING);
        }
    }

    /** Invites the body when the client waits for {@code 100 Continue} (in turn, see {@link ContinueInTurn}). */
    private void acceptBody(HttpRequest request) {
        if (HttpUtil.is100ContinueExpected(request)) {
            continues.continueInTurn(request);
        }
        request.headers().remove(HttpHeaderNames.EXPECT);
    }

    /** Refuses the request being received: the answer goes on in order, the rest of its body is dropped. */
    private void refuse(ChannelHandlerContext ctx, io.wharf.protocol.wire.WireResponse answer) {
        mode = Mode.DISCARD;
        ctx.fireChannelRead(new RequestSizeLimit.Rejection(answer));
    }

    private static HttpRequest headOnly(HttpRequest request) {
        HttpRequest copy = new DefaultHttpRequest(request.protocolVersion(), request.method(), request.uri(),
                request.headers().copy());
        copy.setDecoderResult(request.decoderResult());
        return copy;
    }

    /** A PUT or POST (object uploads, multipart parts, presigned POST) that is not a JSON or Query call. */
    static boolean isUpload(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return false;
        }
        HttpMethod method = request.method();
        if (!method.equals(HttpMethod.PUT) && !method.equals(HttpMethod.POST)) {
            return false;
        }
        return !FrontDoorErrors.jsonOrQuery(request.headers(), request.uri());
    }

    private static boolean isAwsChunked(HttpRequest request) {
        String encoding = request.headers().get(HttpHeaderNames.CONTENT_ENCODING);
        return (encoding != null && encoding.contains("aws-chunked"))
                || request.headers().contains("x-amz-decoded-content-length");
    }

    private static long decodedLength(HttpRequest request) {
        String value = request.headers().get("x-amz-decoded-content-length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1; // the protocol layer answers it
        }
    }

    static boolean isNoSpace(IOException e) {
        return String.valueOf(e.getMessage()).contains("No space left");
    }

    private void releaseReservation() {
        if (reserved > 0) {
            budget.release(reserved);
            reserved = 0;
        }
    }

    private void releaseHeld() {
        for (HttpContent piece : held) {
            piece.release();
        }
        held.clear();
        releaseReservation();
    }

    private void abortFile() {
        if (file != null) {
            file.abort();
            file = null;
        }
    }

    private void cleanUp() {
        releaseHeld();
        abortFile();
        for (Object waiting; (waiting = afterFinish.poll()) != null; ) {
            ReferenceCountUtil.release(waiting);
        }
        mode = Mode.DISCARD;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cleanUp(); // a client that vanished mid-upload leaves no file behind
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cleanUp();
    }
}
