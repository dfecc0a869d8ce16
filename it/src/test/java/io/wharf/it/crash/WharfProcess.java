package io.wharf.it.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wharf as a child process (the shaded jar the reactor built), for tests that must kill it for real.
 * The endpoint is learned from the start-up line, so the child can listen on an ephemeral port.
 */
final class WharfProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://[^\\s]+)");

    private final Process process;
    private final URI endpoint;
    private final List<String> output = new ArrayList<>();

    private WharfProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("wharf.jar", "../server/target/wharf.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("server jar not found at " + jar + "; run the build through `mvn verify`");
        }
        return jar;
    }

    static WharfProcess start(Path dataDir, String... extraArgs) throws IOException, InterruptedException {
        return start(List.of(), dataDir, extraArgs);
    }

    /** As {@link #start(Path, String...)}, with {@code jvmArgs} (system properties) for the child's JVM. */
    static WharfProcess start(List<String> jvmArgs, Path dataDir, String... extraArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar().toString(), "--port", "0", "--data-dir", dataDir.toString(), "--relaxed"));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread.ofVirtual().start(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        endpoint.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process went away
            }
            endpoint.completeExceptionally(new IllegalStateException("Wharf exited before listening: " + lines));
        });
        try {
            WharfProcess wharf = new WharfProcess(process, endpoint.get(60, TimeUnit.SECONDS));
            wharf.output.addAll(lines);
            return wharf;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("Wharf did not start: " + lines, e);
        }
    }

    /** How a run that was expected to end ended: its exit code and everything it printed. */
    record Exit(int code, List<String> output) {
    }

    /** Runs the server jar with these arguments until it exits by itself (within 60 s): start-up refusals. */
    static Exit runToExit(Path dataDir, String... extraArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-jar", jar().toString(), "--port", "0", "--data-dir", dataDir.toString(), "--relaxed"));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Wharf did not exit: " + text);
        }
        return new Exit(process.exitValue(), text.lines().toList());
    }

    /** What the server printed up to the listening line. */
    List<String> startOutput() {
        return output;
    }

    URI endpoint() {
        return endpoint;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush, exactly like a crash. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait for a clean exit; returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
