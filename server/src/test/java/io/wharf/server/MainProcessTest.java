package io.wharf.server;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Main} as a real process: start-up line, SIGTERM, exit codes, one-line errors. */
class MainProcessTest {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");

    private static Process launch(String... args) throws Exception {
        return launch(false, args);
    }

    private static Process launch(boolean mergeStderr, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(mergeStderr).start();
    }

    /** How a log line's text is found (the line itself, or a member of a JSON line). */
    @FunctionalInterface
    private interface LineText {
        String of(String line) throws Exception;
    }

    /**
     * A child's output read as it comes: every line, the port of its start-up line once seen (completed exceptionally
     * when the output ends without one), and the reading thread.
     */
    private record Output(List<String> lines, CompletableFuture<Integer> port, Thread reader) {
        static Output of(Process process, LineText text) {
            List<String> lines = new CopyOnWriteArrayList<>();
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                        Matcher listening = LISTENING.matcher(text.of(line));
                        if (listening.find()) {
                            port.complete(Integer.parseInt(listening.group(1)));
                        }
                    }
                } catch (Exception e) {
                    port.completeExceptionally(e);
                }
                port.completeExceptionally(new AssertionError("no start-up line in " + lines));
            });
            return new Output(lines, port, reader);
        }
    }

    @Test
    void startsAndStopsGracefullyOnSigterm() throws Exception {
        Process process = launch(true, "--port", "0", "--in-memory");
        Output out = Output.of(process, line -> line);
        List<String> output = out.lines();
        CompletableFuture<Integer> port = out.port();
        Thread reader = out.reader();
        try {
            int listeningPort = port.get(30, TimeUnit.SECONDS);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + listeningPort + "/_wharf/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(output).singleElement().asString().contains("data: in-memory · account 000000000000 · region us-east-1");

            // SIGTERM through the handle: Process.destroy() would also close our end of the child's stdout.
            assertThat(process.toHandle().destroy()).isTrue();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(143); // 128 + SIGTERM: the JVM's exit status after its hooks ran
            assertThat(reader.join(java.time.Duration.ofSeconds(10))).isTrue(); // all output read
            assertThat(String.join("\n", output)).contains("Wharf stopping").contains("Wharf stopped");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void theStartUpLineNamesTheAbsoluteDataDirectoryAndTheTlsCertificate(@org.junit.jupiter.api.io.TempDir
                                                                          java.nio.file.Path workingDirectory)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--port", "0", "--tls-port", "0", "--data-dir", "relative/data"));
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                .start();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            while (line != null && !LISTENING.matcher(line).find()) {
                line = lines.readLine();
            }
            java.nio.file.Path data = workingDirectory.toRealPath().resolve("relative/data");
            assertThat(line).contains("data: " + data + " (fsync always)")
                    .contains("TLS certificate (self-signed) " + data.resolve("tls").resolve("wharf-tls.crt"));
        } finally {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void jsonLogLinesCarryTheRequestLogFields() throws Exception {
        Process process = launch(true, "--port", "0", "--in-memory", "--log-requests", "--log-format", "json");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Output out = Output.of(process, line -> json.readTree(line).path("formattedMessage").asText());
        List<String> output = out.lines();
        CompletableFuture<Integer> port = out.port();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + port.get(30, TimeUnit.SECONDS) + "/");
            assertThat(HttpClient.newHttpClient().send(sqs(endpoint, "ListQueues", "{}"),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            String requestLine = awaitLine(output, "io.wharf.requests");
            for (String line : output) {
                assertThat(json.readTree(line).isObject()).as(line).isTrue();
            }
            com.fasterxml.jackson.databind.JsonNode event = json.readTree(requestLine);
            assertThat(event.path("level").asText()).isEqualTo("INFO");
            assertThat(event.path("formattedMessage").asText()).startsWith("sqs ListQueues 200 - ");
            assertThat(event.path("kvpList").toString()).contains("\"action\":\"ListQueues\"")
                    .contains("\"status\":\"200\"");
        } finally {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void badConfigurationIsOneLineOnStderrAndExitCode2() throws Exception {
        Process process = launch("--port", "abc");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("wharf: invalid --port 'abc': not a whole number" + System.lineSeparator());
        assertThat(process.getInputStream().readAllBytes()).isEmpty();
    }

    @Test
    void aSecondSigtermStopsWithoutWaitingForLongPolls() throws Exception {
        // A shutdown timeout far longer than the long poll: only the second signal can make the server go before it.
        Process process = launch(true, "--port", "0", "--in-memory", "--shutdown-timeout", "300");
        Output out = Output.of(process, line -> line);
        List<String> output = out.lines();
        CompletableFuture<Integer> port = out.port();
        Thread reader = out.reader();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + port.get(30, TimeUnit.SECONDS) + "/");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> created = http.send(sqs(endpoint, "CreateQueue", "{\"QueueName\":\"q\"}"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(200);
            String queueUrl = created.body().replaceAll(".*\"QueueUrl\":\"([^\"]+)\".*", "$1");
            CompletableFuture<HttpResponse<String>> longPoll = http.sendAsync(sqs(endpoint, "ReceiveMessage",
                    "{\"QueueUrl\":\"" + queueUrl + "\",\"WaitTimeSeconds\":20}"), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(1_000); // let the long poll reach the server; the log line below proves it did

            assertThat(process.toHandle().destroy()).isTrue();
            awaitLine(output, "Wharf stopping");
            assertThat(output).anyMatch(line -> line.contains("Wharf stopping") && line.contains("for 1 in-flight"));
            assertThat(process.isAlive()).isTrue(); // graceful: waiting for the long poll

            assertThat(process.toHandle().destroy()).isTrue();
            assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(143);
            // Cut off, not answered: a long poll that ran its course would have been a 200 with no messages.
            assertThat(longPoll).failsWithin(java.time.Duration.ofSeconds(10));
            assertThat(reader.join(java.time.Duration.ofSeconds(10))).isTrue();
            assertThat(String.join("\n", output)).contains("received again").contains("Wharf stopped");
        } finally {
            process.destroyForcibly();
        }
    }

    private static HttpRequest sqs(URI endpoint, String action, String json) {
        return HttpRequest.newBuilder(endpoint).header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AmazonSQS." + action).POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static String awaitLine(List<String> output, String text) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (output.stream().noneMatch(line -> line.contains(text))) {
            assertThat(System.nanoTime()).as("'" + text + "' in " + output).isLessThan(end);
            Thread.sleep(20);
        }
        return output.stream().filter(line -> line.contains(text)).findFirst().orElseThrow();
    }
}
