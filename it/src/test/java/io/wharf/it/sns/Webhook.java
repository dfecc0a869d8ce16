package io.wharf.it.sns;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP endpoint inside the test, on loopback and an ephemeral port: records every POST SNS makes to it and
 * answers with the statuses it is told to (200 once the script runs out).
 */
public final class Webhook implements AutoCloseable {

    /** One request as received: lower-case header names, the body, when it came. */
    public record Post(String path, Map<String, String> headers, String body, long receivedNanos) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Post> posts = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private volatile int otherwise = 200;

    private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
    private volatile int failEvery;

    public Webhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Integer status = script.poll(); // chosen before the test can see the request
            int answer = status != null ? status
                    : failEvery > 0 && requests.incrementAndGet() % failEvery == 0 ? 503 : otherwise;
            try (InputStream in = exchange.getRequestBody()) {
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT),
                        String.join(",", v)));
                posts.add(new Post(exchange.getRequestURI().getPath(), headers,
                        new String(in.readAllBytes(), StandardCharsets.UTF_8), System.nanoTime()));
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    /** Answer every {@code n}-th request beyond the script with 503 (0 = never). */
    public Webhook failEvery(int n) {
        failEvery = n;
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answer the next requests with these statuses, in order. */
    public Webhook answer(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    /** Answer every request beyond the script with this status. */
    public Webhook otherwise(int status) {
        otherwise = status;
        return this;
    }

    public Post next(Duration within) throws InterruptedException {
        Post post = posts.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        if (post == null) {
            throw new AssertionError("no POST arrived within " + within);
        }
        return post;
    }

    /** Waits for a POST of this message type, skipping others. */
    public Post next(String messageType, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Post post = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (messageType.equals(post.header("x-amz-sns-message-type"))) {
                return post;
            }
        }
    }

    /** Everything that arrives within the time given. */
    public List<Post> drain(Duration within) throws InterruptedException {
        List<Post> all = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        Post post;
        while ((post = posts.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
            all.add(post);
        }
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
