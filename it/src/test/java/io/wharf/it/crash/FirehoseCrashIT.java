package io.wharf.it.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceInUseException;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability of Firehose buffers through real crashes: Wharf runs as a child process, producers send
 * PutRecordBatch to a delivery stream whose destination is an HTTP endpoint in this test (zero buffering), and Wharf
 * is killed with SIGKILL at a random moment, then restarted on the same data directory. Finally every acknowledged
 * record must have reached the endpoint (duplicates allowed — at least once, as on AWS — and counted), and nothing
 * arrives that was never sent. The seed is printed; replay with {@code -Dcrash.seed=<seed>}.
 */
class FirehoseCrashIT {
    private static final int ROUNDS = Integer.getInteger("crash.rounds", 3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> attempted = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> received = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();

    @Test
    void acknowledgedRecordsReachTheEndpointThroughKillNine() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("FirehoseCrashIT seed=" + seed + " (replay with -Dcrash.seed=" + seed + ")");
        Random random = new Random(seed);
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            JsonNode request = JSON.readTree(body);
            for (JsonNode record : request.path("records")) {
                String data = new String(Base64.getDecoder().decode(record.path("data").asText()),
                        StandardCharsets.UTF_8);
                received.merge(data, 1, Integer::sum);
            }
            byte[] answer = JSON.createObjectNode().put("requestId", request.path("requestId").asText())
                    .put("timestamp", System.currentTimeMillis()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        endpoint.start();
        String url = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/";
        try {
            for (int round = 0; round < ROUNDS; round++) {
                try (WharfProcess wharf = WharfProcess.start(dataDir, "--firehose-transition-ms", "0")) {
                    FirehoseClient firehose = client(wharf);
                    try {
                        firehose.createDeliveryStream(r -> r.deliveryStreamName("crash")
                                .httpEndpointDestinationConfiguration(d -> d.endpointConfiguration(e -> e.url(url))
                                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                                        .s3Configuration(s -> s.roleARN("arn:aws:iam::000000000000:role/r")
                                                .bucketARN("arn:aws:s3:::failed"))));
                    } catch (ResourceInUseException e) {
                        // created in an earlier round
                    }
                    AtomicBoolean running = new AtomicBoolean(true);
                    ExecutorService load = Executors.newVirtualThreadPerTaskExecutor();
                    for (int p = 0; p < 4; p++) {
                        String producer = "r" + round + "p" + p;
                        load.submit(() -> produce(firehose, producer, running));
                    }
                    long killAfterMillis = 300 + random.nextInt(1200);
                    Thread.sleep(killAfterMillis);
                    wharf.kill9();
                    running.set(false);
                    load.shutdown();
                    assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
                    firehose.close();
                    System.out.printf("round %d: killed pid %d after %d ms; acknowledged %d records%n",
                            round, wharf.pid(), killAfterMillis, acknowledged.size());
                }
            }
            try (WharfProcess wharf = WharfProcess.start(dataDir)) {
                for (int i = 0; i < 600 && !received.keySet().containsAll(acknowledged); i++) {
                    Thread.sleep(50);
                }
                assertThat(wharf.terminate()).isIn(0, 143);
            }
        } finally {
            endpoint.stop(0);
        }
        List<String> lost = new ArrayList<>();
        for (String data : acknowledged) {
            if (!received.containsKey(data)) {
                lost.add(data);
            }
        }
        long duplicates = received.values().stream().filter(n -> n > 1).count();
        System.out.printf("FirehoseCrashIT: %d acknowledged, %d received, %d delivered more than once%n",
                acknowledged.size(), received.size(), duplicates);
        assertThat(lost).as("acknowledged records never delivered (seed " + seed + ")").isEmpty();
        assertThat(attempted).as("nothing arrives that was never sent").containsAll(received.keySet());
        assertThat(acknowledged).as("the load produced something to check").hasSizeGreaterThan(100);
    }

    private static FirehoseClient client(WharfProcess wharf) {
        return FirehoseClient.builder().endpointOverride(wharf.endpoint()).region(Clients.REGION)
                .credentialsProvider(Clients.CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy
                        .doNotRetry())).build();
    }

    private void produce(FirehoseClient firehose, String producer, AtomicBoolean running) {
        while (running.get()) {
            List<Record> records = new ArrayList<>();
            List<String> data = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String d = producer + "/" + counter.incrementAndGet();
                data.add(d);
                attempted.add(d);
                records.add(Record.builder().data(SdkBytes.fromUtf8String(d)).build());
            }
            try {
                PutRecordBatchResponse answer = firehose.putRecordBatch(r -> r.deliveryStreamName("crash")
                        .records(records));
                for (int i = 0; i < data.size(); i++) {
                    if (answer.requestResponses().get(i).errorCode() == null) {
                        acknowledged.add(data.get(i));
                    }
                }
            } catch (SdkException e) {
                return; // the server was killed (or not ready): nothing of this batch is acknowledged
            }
        }
    }
}
