package io.wharf.bench.scale;

import io.wharf.bench.measure.Percentiles;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code connections}: C HTTP/1.1 keep-alive connections to Wharf from one client whose pool allows C. Each round
 * opens or reuses all of them (C concurrent ReceiveMessage WaitTimeSeconds=5 on an empty queue: each holds its
 * connection for 5 s, so all are in flight at once), then makes C concurrent GetQueueAttributes calls (their latency is the case's),
 * then rests 2 s; rounds keep every connection well inside Wharf's 30 s idle timeout. Heap after a full GC
 * before any of them and after the first round, with the connections open and idle (heap per connection).
 * Established connections are counted on the server's port from {@code /proc/net/tcp}.
 */
final class ConnectionsCase implements ScaleCase {
    private final int rounds;
    /** Long enough that every hold is in flight at once, whatever connecting costs: the pool opens one connection each. */
    private final int holdSeconds;
    private final long restMillis;

    /** What the command runs: 3 rounds, holds of 5 s, rests of 2 s. */
    ConnectionsCase() {
        this(3, 5, 2_000);
    }

    /** Shorter rounds, for a test of a few dozen connections (at least 2 rounds: the second reuses the first's). */
    ConnectionsCase(int rounds, int holdSeconds, long restMillis) {
        this.rounds = rounds;
        this.holdSeconds = holdSeconds;
        this.restMillis = restMillis;
    }

    @Override
    public String name() {
        return "connections";
    }

    @Override
    public ScaleResult run(ScaleServer server, ScaleOptions options) throws Exception {
        int connections = options.connections();
        Samples call = new Samples();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long baseline;
        long withConnections = 0;
        int established = -1;
        try (SqsAsyncClient control = Sqs.client(server.endpoint(), 1);
             SqsAsyncClient many = Sqs.client(server.endpoint(), connections / 2)) {
            String url = Sqs.createQueues(control, "scale-conn", 1).getFirst();
            baseline = server.usedHeapAfterGc();
            for (int round = 0; round < rounds; round++) {
                List<CompletableFuture<?>> holds = new ArrayList<>(connections);
                for (int i = 0; i < connections; i++) {
                    holds.add(many.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(holdSeconds))
                            .whenComplete((r, failure) -> count(failure, errors, firstError)));
                }
                CompletableFuture.allOf(holds.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
                if (round == 0) {
                    established = established(server.endpoint().getPort());
                    withConnections = server.usedHeapAfterGc();
                }
                List<CompletableFuture<?>> calls = new ArrayList<>(connections);
                for (int i = 0; i < connections; i++) {
                    long start = System.nanoTime();
                    calls.add(many.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("All"))
                            .whenComplete((r, failure) -> {
                                if (failure == null) {
                                    call.recordSince(start);
                                }
                                count(failure, errors, firstError);
                            }));
                }
                CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
                Thread.sleep(restMillis);
            }
        }
        Map<String, Long> work = new LinkedHashMap<>();
        work.put("connections", (long) connections);
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        latencies.put("GetQueueAttributes with " + connections + " concurrent", call.percentiles());
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("established on the server port", established < 0 ? "unknown (no /proc/net/tcp)" : Integer.toString(established));
        if (firstError.get() != null) {
            extra.put("first error", firstError.get());
        }
        long items = established > 0 ? established : connections;
        return new ScaleResult(name(), work, "connection", items, baseline, withConnections, latencies,
                OptionalLong.empty(), extra, errors.get());
    }

    private static void count(Throwable failure, AtomicLong errors, AtomicReference<String> firstError) {
        if (failure != null) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, failure.toString());
        }
    }

    /** Established TCP connections whose local port is {@code port} (the server's ends), or -1 if unknown. */
    static int established(int port) {
        int count = 0;
        boolean any = false;
        for (String file : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                count += countEstablished(Files.readAllLines(Path.of(file)), port);
                any = true;
            } catch (IOException e) {
                // not Linux, or no IPv6: the other file counts
            }
        }
        return any ? count : -1;
    }

    /** Lines of /proc/net/tcp in state 01 (ESTABLISHED) with local port {@code port}. */
    static int countEstablished(List<String> lines, int port) {
        String suffix = ":" + String.format(Locale.ROOT, "%04X", port);
        int count = 0;
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 3 && fields[1].endsWith(suffix) && fields[3].equals("01")) {
                count++;
            }
        }
        return count;
    }
}
