package io.wharf.mq.broker.activemq;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A STOMP 1.2 client of a few lines on a plain socket: what a STOMP user's library puts on the wire. */
final class StompFrames implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    StompFrames(URI endpoint) throws IOException {
        socket = new Socket(endpoint.getHost(), endpoint.getPort());
        socket.setSoTimeout(10_000); // a frame that never comes fails the test instead of hanging it
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
    }

    void send(String command, Map<String, String> headers, String body) throws IOException {
        StringBuilder frame = new StringBuilder(command).append('\n');
        headers.forEach((name, value) -> frame.append(name).append(':').append(value).append('\n'));
        frame.append('\n').append(body).append('\0');
        out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next frame, heart-beat newlines skipped. */
    Frame receive() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) == '\n' || b == '\r') {
            // heart-beats between frames
        }
        while (b != 0) {
            if (b < 0) {
                throw new IOException("connection closed after " + bytes);
            }
            bytes.write(b);
            b = in.read();
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        int blank = text.indexOf("\n\n");
        String[] head = text.substring(0, blank).split("\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.putIfAbsent(head[i].substring(0, colon), head[i].substring(colon + 1));
        }
        return new Frame(head[0], headers, text.substring(blank + 2));
    }

    Frame connect(String login, String passcode) throws IOException {
        sendConnect(login, passcode);
        return receive();
    }

    /** The answer to a CONNECT, or empty when the broker closed the connection before sending a byte. */
    Optional<Frame> connectUnlessClosed(String login, String passcode) throws IOException {
        sendConnect(login, passcode);
        in.mark(1);
        if (in.read() < 0) {
            return Optional.empty();
        }
        in.reset();
        return Optional.of(receive());
    }

    private void sendConnect(String login, String passcode) throws IOException {
        send("CONNECT", Map.of("accept-version", "1.2", "host", "/", "login", login, "passcode", passcode), "");
    }

    /** Waits until the broker closes the connection, whatever it sends before; fails on the read timeout. */
    void awaitClosedByBroker() throws IOException {
        while (in.read() >= 0) {
            // the rest of what the broker says before it closes
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Frame(String command, Map<String, String> headers, String body) {
    }
}
