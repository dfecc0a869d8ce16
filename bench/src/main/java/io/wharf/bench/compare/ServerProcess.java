package io.wharf.bench.compare;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A server this run started: its process (for its PID and to stop it), its endpoint, and the file that
 * collects its output. Closing asks it to stop (SIGTERM) and insists after a grace period.
 */
public final class ServerProcess implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 120_000;
    private static final long STOP_GRACE_SECONDS = 15;

    private final String name;
    private final Process process;
    private final URI endpoint;
    private final Path log;

    private ServerProcess(String name, Process process, URI endpoint, Path log) {
        this.name = name;
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /**
     * Starts {@code command} with its output in {@code log}, then waits until {@code ready} finds an
     * endpoint (reading the log so far), the process dies, or the start-up timeout passes.
     */
    static ServerProcess start(String name, List<String> command, Path log, Function<String, URI> ready)
            throws IOException, InterruptedException {
        return start(name, command, java.util.Map.of(), log, ready);
    }

    /** The same, with {@code environment} added to this process's (a secret the command line must not show). */
    static ServerProcess start(String name, List<String> command, java.util.Map<String, String> environment, Path log,
                               Function<String, URI> ready) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            URI endpoint = ready.apply(Files.readString(log));
            if (endpoint != null) {
                return new ServerProcess(name, process, endpoint, log);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue()
                        + " before it was ready; its output:\n" + tail(log));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " was not ready after " + START_TIMEOUT_MILLIS + " ms; its output:\n"
                + tail(log));
    }

    /** A readiness check that ignores the log: ready once {@code check} passes for a fixed endpoint. */
    static Function<String, URI> when(Predicate<URI> check, URI endpoint) {
        return output -> check.test(endpoint) ? endpoint : null;
    }

    public String name() {
        return name;
    }

    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    /** Kills the server (SIGKILL: a crash) and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        deleteAttachSocket();
    }

    /**
     * A JVM that {@code jcmd} attached to (the scale cases' heap probe) has an attach socket, {@code
     * /tmp/.java_pid<pid>}, which it deletes when it exits by itself; after a SIGKILL it stays. Deleted here once the
     * process is gone (HotSpot puts it in {@code /tmp} whatever {@code java.io.tmpdir} says).
     */
    private void deleteAttachSocket() {
        if (process.isAlive()) {
            return;
        }
        try {
            Files.deleteIfExists(attachSocket(process.pid()));
        } catch (IOException e) {
            // someone else's file, or already gone
        }
    }

    /** Where HotSpot on Linux keeps the attach socket of the JVM {@code pid}. */
    private static Path attachSocket(long pid) {
        return Path.of("/tmp", ".java_pid" + pid);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("wharf-bench: " + name + " did not stop in " + STOP_GRACE_SECONDS + " s; killing it");
                process.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
                deleteAttachSocket();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(could not read " + log + ": " + e.getMessage() + ")";
        }
    }
}
