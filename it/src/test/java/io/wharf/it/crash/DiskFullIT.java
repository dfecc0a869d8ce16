package io.wharf.it.crash;

import io.wharf.testkit.Clients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real full disk: the data directory on a 24 MiB tmpfs (needs root to mount; skipped otherwise). Sends are
 * acknowledged until the disk fills; then writes answer 500, /_wharf/ready and /_wharf/health say 503 "disk full",
 * /_wharf/live stays 200. After space is freed (the tmpfs grown), a restart recovers every acknowledged message
 * and accepts writes again.
 */
class DiskFullIT {
    @TempDir
    Path scratch;
    private Path mount;
    private boolean mounted;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void mountSmallDisk() throws Exception {
        mount = scratch.resolve("disk");
        java.nio.file.Files.createDirectories(mount);
        int code = run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mount.toString());
        Assumptions.assumeTrue(code == 0, "cannot mount a tmpfs here (needs root): a full disk cannot be simulated");
        mounted = true;
    }

    @AfterEach
    void unmount() throws Exception {
        http.close();
        if (mounted) {
            run("umount", "-l", mount.toString());
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    private HttpResponse<String> get(URI endpoint, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(endpoint.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SqsClient client(URI endpoint) {
        return Clients.sqs(endpoint);
    }

    @Test
    void aFullDiskIsReportedAndARestartAfterFreeingSpaceLosesNothingAcknowledged() throws Exception {
        Path dataDir = mount.resolve("data");
        Set<String> acknowledged = new HashSet<>();
        String body = "x".repeat(60_000);
        try (WharfProcess wharf = WharfProcess.start(dataDir); SqsClient sqs = client(wharf.endpoint())) {
            String url = sqs.createQueue(r -> r.queueName("full")).queueUrl();
            SqsException refused = null;
            for (int batch = 0; batch < 2000 && refused == null; batch++) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id("e" + i)
                            .messageBody(String.format("%05d-%d:", batch, i) + body).build());
                }
                try {
                    sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries)).successful()
                            .forEach(ok -> acknowledged.add(entries.get(Integer.parseInt(ok.id().substring(1)))
                                    .messageBody().substring(0, 7)));
                } catch (SqsException e) {
                    refused = e;
                }
            }
            System.out.println("disk full after " + acknowledged.size() + " acknowledged messages; then: "
                    + (refused == null ? "no refusal" : refused.statusCode() + " " + refused.awsErrorDetails().errorCode()));
            assertThat(refused).isNotNull();
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(acknowledged).isNotEmpty();
            for (String path : new String[]{"/_wharf/health", "/_wharf/ready"}) {
                HttpResponse<String> answer = get(wharf.endpoint(), path);
                System.out.println(path + " " + answer.statusCode() + " " + answer.body());
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.body()).startsWith("{\"status\":\"unavailable\",\"reason\":\"disk full: store failed: ");
            }
            assertThat(get(wharf.endpoint(), "/_wharf/live").statusCode()).isEqualTo(200);
            wharf.terminate();
        }

        assertThat(run("mount", "-o", "remount,size=64m", mount.toString())).isZero(); // space freed
        try (WharfProcess wharf = WharfProcess.start(dataDir); SqsClient sqs = client(wharf.endpoint())) {
            assertThat(get(wharf.endpoint(), "/_wharf/ready").statusCode()).isEqualTo(200);
            String url = sqs.getQueueUrl(r -> r.queueName("full")).queueUrl();
            Set<String> received = new HashSet<>();
            for (int empty = 0; empty < 2; ) {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                        .visibilityTimeout(600)).messages();
                if (messages.isEmpty()) {
                    empty++;
                }
                messages.forEach(m -> received.add(m.body().substring(0, 7)));
            }
            System.out.println("after freeing space and a restart: " + received.size() + " messages, "
                    + acknowledged.size() + " acknowledged");
            assertThat(received).containsAll(acknowledged);
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("accepted again"));
            wharf.terminate();
        }
    }
}
