package io.wharf.server.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Settings;
import io.wharf.protocol.wire.WireResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP/2 limits over a raw socket speaking frames (prior knowledge), so the client can misbehave exactly. */
class Http2LimitsTest {
    private static final int TYPE_DATA = 0x0;
    private static final int TYPE_RST_STREAM = 0x3;
    private static final int TYPE_SETTINGS = 0x4;
    private static final int TYPE_GOAWAY = 0x7;

    private HttpFrontDoor frontDoor;

    @AfterEach
    void close() {
        if (frontDoor != null) {
            frontDoor.close();
        }
    }

    private int start(ConnectionLimits limits, byte[] answer) {
        frontDoor = HttpFrontDoor.bind("127.0.0.1", 0, -1, null, 1024 * 1024, limits);
        frontDoor.open(request -> WireResponse.of(200, "application/octet-stream", answer));
        return frontDoor.port();
    }

    /** Frames as a client would send them, encoded by Netty's own writer. */
    private static byte[] frames(BiConsumer<DefaultHttp2FrameWriter, ChannelHandlerContext> write) {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        ChannelHandlerContext ctx = channel.pipeline().firstContext();
        DefaultHttp2FrameWriter writer = new DefaultHttp2FrameWriter();
        write.accept(writer, ctx);
        channel.flush();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            byte[] copy = new byte[buf.readableBytes()];
            buf.readBytes(copy);
            buf.release();
            bytes.writeBytes(copy);
        }
        channel.finishAndReleaseAll();
        return bytes.toByteArray();
    }

    private static byte[] preface(Http2Settings settings) {
        byte[] preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] frames = frames((writer, ctx) -> writer.writeSettings(ctx, settings, ctx.newPromise()));
        byte[] all = new byte[preface.length + frames.length];
        System.arraycopy(preface, 0, all, 0, preface.length);
        System.arraycopy(frames, 0, all, preface.length, frames.length);
        return all;
    }

    private static byte[] get(int streamId) {
        return frames((writer, ctx) -> writer.writeHeaders(ctx, streamId, new DefaultHttp2Headers().method("GET")
                .path("/big").scheme("http").authority("localhost"), 0, true, ctx.newPromise()));
    }

    record Frame(int type, int flags, int streamId, byte[] payload) {
    }

    /** Reads one frame; null when the server closed the connection. */
    private static Frame read(DataInputStream in) throws IOException {
        try {
            int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int streamId = in.readInt() & 0x7fffffff;
            byte[] payload = in.readNBytes(length);
            return new Frame(type, flags, streamId, payload);
        } catch (EOFException | SocketException e) {
            return null;
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(15_000); // the generous deadline: a read that waits longer fails the test
        return socket;
    }

    @Test
    void settingsAdvertiseTheStreamAndHeaderListLimits() throws Exception {
        int port = start(ConnectionLimits.DEFAULTS.withHttp2MaxStreams(7), new byte[0]);
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(preface(new Http2Settings()));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            Frame settings = read(in);
            assertThat(settings.type()).isEqualTo(TYPE_SETTINGS);
            Map<Integer, Long> values = new HashMap<>();
            for (int i = 0; i + 6 <= settings.payload().length; i += 6) {
                int id = ((settings.payload()[i] & 0xff) << 8) | (settings.payload()[i + 1] & 0xff);
                long value = java.nio.ByteBuffer.wrap(settings.payload(), i + 2, 4).getInt() & 0xffffffffL;
                values.put(id, value);
            }
            assertThat(values).containsEntry((int) Http2CodecUtil.SETTINGS_MAX_CONCURRENT_STREAMS, 7L)
                    .containsEntry((int) Http2CodecUtil.SETTINGS_MAX_HEADER_LIST_SIZE, (long) HttpPipeline.MAX_HEADER_BYTES);
        }
    }

    @Test
    void aClientWithAClosedWindowCostsABoundedAmountAndIsDisconnected() throws Exception {
        int answerBytes = 4 * 1024 * 1024;
        int streams = 12;
        int port = start(ConnectionLimits.DEFAULTS.withBodyTimeout(Duration.ofSeconds(1)), new byte[answerBytes]);
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(preface(new Http2Settings().initialWindowSize(0)));
            for (int i = 0; i < streams; i++) {
                out.write(get(1 + 2 * i));
            }
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            List<Frame> received = new ArrayList<>();
            for (Frame frame = read(in); frame != null; frame = read(in)) {
                received.add(frame);
            }
            // Closed by the server (GOAWAY, then the end of the stream) before the socket's 15 s deadline: its answers
            // were not being read. At most 16 MiB of answers waited; the others were reset instead of queued.
            assertThat(received).anyMatch(frame -> frame.type() == TYPE_GOAWAY);
            assertThat(received).noneMatch(frame -> frame.type() == TYPE_DATA && frame.payload().length > 0);
            long resets = received.stream().filter(frame -> frame.type() == TYPE_RST_STREAM).count();
            int fit = ConnectionLimits.HTTP2_MAX_PENDING_ANSWER_BYTES / answerBytes;
            assertThat(resets).isGreaterThanOrEqualTo(streams - fit);
            assertThat(received).filteredOn(frame -> frame.type() == TYPE_RST_STREAM)
                    .allMatch(frame -> {
                        long code = java.nio.ByteBuffer.wrap(frame.payload()).getInt() & 0xffffffffL;
                        return code == Http2Error.ENHANCE_YOUR_CALM.code() || code == Http2Error.REFUSED_STREAM.code();
                    });
        }
        assertThat(frontDoor.connections()).isLessThanOrEqualTo(1); // closing, or closed
    }

    @Test
    void aConnectionWithNoStreamIsClosedWhenIdleEvenIfItKeepsPinging() throws Exception {
        int port = start(ConnectionLimits.DEFAULTS.withIdleTimeout(Duration.ofSeconds(1)), new byte[0]);
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(preface(new Http2Settings()));
            Thread pinger = Thread.ofVirtual().start(() -> {
                try {
                    for (long i = 0; ; i++) {
                        long data = i;
                        socket.getOutputStream().write(frames((writer, ctx) -> writer.writePing(ctx, false, data,
                                ctx.newPromise())));
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the server
                }
            });
            DataInputStream in = new DataInputStream(socket.getInputStream());
            List<Integer> types = new ArrayList<>();
            for (Frame frame = read(in); frame != null; frame = read(in)) {
                types.add(frame.type());
            }
            pinger.interrupt();
            assertThat(types).contains(TYPE_GOAWAY);
        }
    }

    @Test
    void aMalformedPrefaceIsOneLogLine() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        root.addAppender(events);
        try {
            int port = start(ConnectionLimits.DEFAULTS, new byte[0]);
            try (Socket socket = connect(port)) {
                socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\u0000\u0000\u0012garbage, not a SETTINGS frame"
                        .getBytes(StandardCharsets.ISO_8859_1));
                DataInputStream in = new DataInputStream(socket.getInputStream());
                while (read(in) != null) {
                    // until the server closes
                }
            }
            frontDoor.close();
            frontDoor = null;
            List<ILoggingEvent> warnings = events.list.stream()
                    .filter(event -> event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN)).toList();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).getThrowableProxy()).isNull();
            assertThat(warnings.get(0).getFormattedMessage()).contains("not HTTP or TLS").doesNotContain("\n");
        } finally {
            root.detachAppender(events);
        }
    }
}
