package io.wharf.it.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distribution {@code mvn package} makes ({@code server/target/wharf-<version>.tar.gz}), unpacked elsewhere and
 * started as a user would: {@code bin/wharf} runs its {@code lib/wharf.jar} with the JDK it finds, builds nothing,
 * serves, and stops on SIGTERM; the docs are in it.
 */
class DistributionIT {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");

    @Test
    void theTarballStartsWithOnlyAJdk(@TempDir Path dir) throws Exception {
        Path target = Path.of(System.getProperty("wharf.jar")).getParent();
        Path tarball;
        try (Stream<Path> files = Files.list(target)) {
            tarball = files.filter(p -> p.getFileName().toString().matches("wharf-.+\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no wharf-<version>.tar.gz in " + target));
        }
        Process untar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", dir.toString()).inheritIO().start();
        assertThat(untar.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(untar.exitValue()).isZero();
        Path home;
        try (Stream<Path> entries = Files.list(dir)) {
            home = entries.findFirst().orElseThrow();
        }
        assertThat(home.getFileName().toString()).isEqualTo(tarball.getFileName().toString().replace(".tar.gz", ""));
        assertThat(home.resolve("bin/wharf")).isExecutable();
        assertThat(home.resolve("lib/wharf.jar")).isRegularFile();
        assertThat(home.resolve("README.md")).isRegularFile();
        assertThat(home.resolve("docs/configuration.md")).isRegularFile();

        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/wharf").toString(), "--port", "0",
                "--data-dir", "data").directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("WHARF_JAVA_OPTS", "-XX:+UseSerialGC -Xmx256m"); // options for the JVM, not the server
        Process wharf = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(wharf.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        port.complete(Integer.parseInt(listening.group(1)));
                    }
                }
            } catch (Exception e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new AssertionError("no start-up line in " + output));
        });
        try {
            int listening = port.get(60, TimeUnit.SECONDS);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + listening + "/_wharf/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + listening + "/_wharf/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).contains("id=\"Tenured Gen\""); // the serial collector's pool: the JVM took them
            assertThat(String.join("\n", output)).doesNotContain("building")
                    .contains("data: " + dir.toRealPath().resolve("data") + " (fsync always)");
            assertThat(wharf.toHandle().destroy()).isTrue(); // SIGTERM to the JVM bin/wharf exec'd into
            assertThat(wharf.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(wharf.exitValue()).isEqualTo(143);
        } finally {
            wharf.destroyForcibly();
        }
    }
}
