package io.wharf.mq.broker.activemq;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * STOMP 1.2 over WebSocket with the JDK's {@link WebSocket}, as a browser's STOMP library speaks it: subprotocol
 * {@code v12.stomp}, one frame per WebSocket text message.
 */
final class StompWebSocket implements AutoCloseable {
    private static final long RECEIVE_SECONDS = 10;

    private final WebSocket socket;
    /** Whole messages as they arrive; a closed socket adds {@link #CLOSED}. */
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private static final String CLOSED = "\0closed";

    private StompWebSocket(WebSocket socket) {
        this.socket = socket;
    }

    /** Opens the socket; {@code tls} null for {@code ws://}, the client's context for {@code wss://}. */
    static StompWebSocket open(URI endpoint, SSLContext tls) throws Exception {
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (tls != null) {
            client.sslContext(tls);
        }
        Listener listener = new Listener();
        WebSocket socket = client.build().newWebSocketBuilder()
                .subprotocols("v12.stomp")
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(endpoint, listener)
                .get(RECEIVE_SECONDS, TimeUnit.SECONDS);
        StompWebSocket stomp = new StompWebSocket(socket);
        listener.owner = stomp;
        listener.flush();
        return stomp;
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    void send(String command, Map<String, String> headers, String body) throws Exception {
        StringBuilder frame = new StringBuilder(command).append('\n');
        headers.forEach((name, value) -> frame.append(name).append(':').append(value).append('\n'));
        frame.append('\n').append(body).append('\0');
        socket.sendText(frame, true).get(RECEIVE_SECONDS, TimeUnit.SECONDS);
    }

    /** The next frame (heart-beats skipped); an {@link IOException} if none comes or the broker closed the socket. */
    StompFrames.Frame receive() throws Exception {
        while (true) {
            String message = messages.poll(RECEIVE_SECONDS, TimeUnit.SECONDS);
            if (message == null) {
                throw new IOException("no frame within " + RECEIVE_SECONDS + " s");
            }
            if (message.equals(CLOSED)) {
                throw new IOException("the broker closed the WebSocket");
            }
            String text = message.stripLeading();
            if (text.isEmpty()) {
                continue; // a heart-beat
            }
            if (text.endsWith("\0")) {
                text = text.substring(0, text.length() - 1);
            }
            int blank = text.indexOf("\n\n");
            String[] head = text.substring(0, blank).split("\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.putIfAbsent(head[i].substring(0, colon), head[i].substring(colon + 1));
            }
            return new StompFrames.Frame(head[0], headers, text.substring(blank + 2));
        }
    }

    StompFrames.Frame connect(String login, String passcode) throws Exception {
        send("CONNECT", Map.of("accept-version", "1.2", "host", "/", "login", login, "passcode", passcode), "");
        return receive();
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** Collects text fragments into whole messages; buffers what arrives before {@link #open} returns. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final BlockingQueue<String> early = new LinkedBlockingQueue<>();
        private volatile StompWebSocket owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                deliver(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            deliver(CLOSED);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            deliver(CLOSED);
        }

        private synchronized void deliver(String message) {
            if (owner == null) {
                early.add(message);
            } else {
                owner.messages.add(message);
            }
        }

        private synchronized void flush() {
            early.drainTo(owner.messages);
        }
    }
}
