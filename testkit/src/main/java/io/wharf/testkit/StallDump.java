package io.wharf.testkit;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a test leaves behind when it failed waiting for an answer that never came (a client's read timeout, an SDK
 * call timeout, a future's {@code get} with a timeout): a dump of every thread of the JVM, virtual threads included,
 * on standard error, which CI keeps. The in-process server's request threads are virtual, and a plain stack dump
 * ({@code jstack}, {@link Thread#getAllStackTraces}) leaves them out.
 *
 * <p>A stall makes several tests time out at once: one dump a minute is enough. CI's summary shows only the end of its
 * log, so where {@value #DIGEST_FILE} names a file, a {@linkplain #digest few lines} of each dump go there too, and
 * {@code .ci/run} prints them at the very end, whether the build failed or a test's instrument got past the timeout
 * ({@link #recordTimeout}).
 */
public final class StallDump {
    private static final long QUIET_NANOS = 60_000_000_000L;
    private static final int MAX_CAUSES = 64;
    /** The system property naming a file each dump's digest is appended to (set for CI's IT runs), if any. */
    static final String DIGEST_FILE = "wharf.stallDigest";
    private static final int DIGEST_LINES = 12;
    private static final int DIGEST_WIDTH = 200;
    /** A dump's thread heading: {@code #12 "name" [virtual] [STATE] timestamp}. */
    private static final Pattern THREAD = Pattern.compile("^#[0-9]+ \"(.*)\"(?: virtual)?(?: ([A-Z_]+))? ");
    /** Where an event loop waits for I/O (epoll, NIO's selector, io_uring). */
    private static final Pattern IDLE_LOOP = Pattern.compile("epollWait|epollBusyWait|EPoll\\.wait|select|Selector|"
            + "ioUringEnter|submitAndWait");
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

    /**
     * For a test's own instrument that tries a call again after it timed out (a reader polling for a framework's
     * output, say): leaves the dump and its digest as a test failing on that timeout would, so a stall the retry got
     * past is still seen; answers whether {@code failure} was such a timeout (false: nothing was left).
     */
    public static boolean recordTimeout(String what, Throwable failure) {
        if (timeoutIn(failure) == null) {
            return false;
        }
        report(what, failure);
        return true;
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
        String file = System.getProperty(DIGEST_FILE);
        if (file != null) {
            try {
                Files.writeString(Path.of(file), digest(test, timeout, dump), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException | RuntimeException e) {
                System.err.println("(no stall digest written to " + file + ": " + e + ")");
            }
        }
    }

    /**
     * A few lines of {@code dump} for the end of CI's log, where a whole dump does not reach: the threads that are in
     * Wharf's code (the request threads, the event loops inside a handler, the engines' own threads), and the event
     * loops that are not waiting for I/O, grouped by name, state and the frame they are at, most numerous first.
     */
    static String digest(String test, Throwable timeout, String dump) {
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (String block : dump.split("\\R\\R")) {
            String[] lines = block.strip().split("\\R");
            Matcher head = THREAD.matcher(lines[0]);
            if (!head.find()) {
                continue;
            }
            String name = head.group(1).replaceAll("[0-9]+", "N");
            String state = head.group(2) == null ? "" : head.group(2);
            String top = null;
            String wharf = null;
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i].strip();
                if (!line.startsWith("at ")) {
                    continue;
                }
                top = top == null ? line.substring(3) : top;
                if (line.startsWith("at io.wharf.") && !line.startsWith("at io.wharf.it.")
                        && !line.startsWith("at io.wharf.testkit.")) { // the server's code, not the tests' own
                    wharf = line.substring(3);
                    break;
                }
            }
            boolean loop = name.toLowerCase(Locale.ROOT).contains("eventloop");
            boolean loopBusy = loop && top != null && !IDLE_LOOP.matcher(top).find();
            if (wharf != null || loopBusy) {
                String at = wharf != null ? wharf : top;
                groups.merge("\"" + name + "\" " + state + " at " + at, 1, Integer::sum);
            }
        }
        StringBuilder out = new StringBuilder("stall digest: ").append(test).append(" timed out (").append(timeout)
                .append(") at ").append(java.time.Instant.now()).append('\n');
        groups.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(DIGEST_LINES)
                .forEach(g -> out.append(String.format("%4d ", g.getValue())).append(cut(g.getKey())).append('\n'));
        if (groups.size() > DIGEST_LINES) {
            out.append("     … ").append(groups.size() - DIGEST_LINES).append(" more groups in the dump on standard error\n");
        }
        if (groups.isEmpty()) {
            out.append("     no thread in Wharf's code, every event loop waiting for I/O\n");
        }
        return out.toString();
    }

    private static String cut(String line) {
        return line.length() <= DIGEST_WIDTH ? line : line.substring(0, DIGEST_WIDTH - 1) + "…";
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
