package io.wharf.testkit;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a test leaves behind when it failed waiting for an answer that never came (a client's read timeout, an SDK
 * call timeout, a future's {@code get} with a timeout): a dump of every thread of the JVM, virtual threads included,
 * on standard error, which CI keeps. The in-process server's request threads are virtual, and a plain stack dump
 * ({@code jstack}, {@link Thread#getAllStackTraces}) leaves them out.
 *
 * <p>A stall makes several tests time out at once: one dump a minute is enough.
 */
final class StallDump {
    private static final long QUIET_NANOS = 60_000_000_000L;
    private static final int MAX_CAUSES = 64;
    private static final AtomicLong lastDump = new AtomicLong(System.nanoTime() - QUIET_NANOS);

    private StallDump() {
    }

    /** Lets the next stall print a dump whenever the last one was (for tests). */
    static void forgetLastDump() {
        lastDump.set(System.nanoTime() - QUIET_NANOS);
    }

    /**
     * The timeout waiting for an answer that {@code failure} is, or that caused it; null if there is none. The walk is
     * bounded: {@code initCause} refuses only a throwable causing itself, not a longer loop.
     */
    static Throwable timeoutIn(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t.getClass().getSimpleName().endsWith("TimeoutException")) {
                return t;
            }
        }
        return null;
    }

    /** Prints a dump to standard error if {@code failure} is a stall and none was printed in the last minute. */
    static void report(String test, Throwable failure) {
        Throwable timeout = timeoutIn(failure);
        if (timeout == null) {
            return;
        }
        long last = lastDump.get();
        long now = System.nanoTime();
        if (now - last < QUIET_NANOS || !lastDump.compareAndSet(last, now)) {
            return;
        }
        String dump;
        try {
            dump = threads();
        } catch (RuntimeException e) {
            dump = "(no thread dump: " + e + ")";
        }
        System.err.println("=== " + test + " timed out waiting (" + timeout + "); every thread of this JVM:\n" + dump
                + "=== end of the thread dump");
    }

    /** Every thread of this JVM, platform and virtual, as {@code jcmd <pid> Thread.dump_to_file} writes them. */
    static String threads() {
        try {
            Path dir = Files.createTempDirectory("wharf-threads");
            Path file = dir.resolve("threads.txt"); // must not exist yet
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
                return Files.readString(file, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
