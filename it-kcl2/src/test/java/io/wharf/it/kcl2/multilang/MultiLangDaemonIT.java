package io.wharf.it.kcl2.multilang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The KCL MultiLang daemon 2.7.2, run as its users run it — its own JVM, a properties file, credentials in the
 * environment — drives a record processor written in Python (standard library only,
 * {@code src/test/resources/multilang/record_processor.py}) over the JSON-lines protocol, against Wharf: the processor
 * receives every record of a two-shard stream, also across a split of one shard while it reads, and its checkpoints
 * (after each batch, and at the end of the split shard) land in the lease table on Wharf's DynamoDB.
 */
class MultiLangDaemonIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    static final String STREAM = "kcl2-multilang";
    static final String APP = "kcl2-multilang-app";
    static final int RECORDS = 30;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aPythonRecordProcessorReceivesEveryRecordAndItsCheckpointsLand() throws Exception {
        assumeTrue(python3Runs(), "python3 not installed");
        Path events = dir.resolve("events.jsonl");
        Path properties = writeProperties(events);
        /* the last record put into each shard: the checkpoint the processor's last batch should leave */
        Map<String, String> lastSequenceNumber = new HashMap<>();
        try (KinesisClient kinesis = Clients.kinesis(WHARF.endpoint())) {
            kinesis.createStream(r -> r.streamName(STREAM).shardCount(2));
            awaitActive(kinesis);
            putRecords(kinesis, "first-", lastSequenceNumber);

            try (DaemonProcess daemon = DaemonProcess.start(properties,
                    Path.of(System.getProperty("user.dir"), "target", "multilang-daemon.log"))) {
                await(() -> records(events).size() >= RECORDS || !daemon.isAlive());
                assertThat(daemon.isAlive()).as("the daemon runs (its log: %s)", daemon.log()).isTrue();

                Shard parent = kinesis.listShards(r -> r.streamName(STREAM)).shards().getFirst();
                BigInteger start = new BigInteger(parent.hashKeyRange().startingHashKey());
                BigInteger end = new BigInteger(parent.hashKeyRange().endingHashKey());
                kinesis.splitShard(r -> r.streamName(STREAM).shardToSplit(parent.shardId())
                        .newStartingHashKey(start.add(end).shiftRight(1).toString()));
                awaitActive(kinesis);
                lastSequenceNumber.remove(parent.shardId()); // closed: its checkpoint is SHARD_END
                putRecords(kinesis, "second-", lastSequenceNumber);

                await(() -> records(events).size() >= 2 * RECORDS && checkpoints(lastSequenceNumber, parent));
                assertThat(records(events)).extracting(r -> r.get("data").asText())
                        .as("every record, each once").containsExactlyInAnyOrderElementsOf(
                                IntStream.range(0, 2 * RECORDS)
                                        .mapToObj(i -> (i < RECORDS ? "first-" : "second-") + (i % RECORDS))
                                        .toList());
                assertThat(eventsOf(events, "checkpoint")).as("every checkpoint the processor asked for was written")
                        .isNotEmpty().allSatisfy(c -> assertThat(c.get("error").isNull()).as(c.toString()).isTrue());
                assertThat(eventsOf(events, "checkpoint")).extracting(c -> c.get("shard").asText() + " " + c.get("after")
                        .asText()).as("the split shard's end was checkpointed").contains(parent.shardId() + " shardEnded");
                assertThat(leaseCheckpoints()).as("the lease table: the split shard ended, the others at their last record")
                        .containsEntry(parent.shardId(), "SHARD_END")
                        .containsAllEntriesOf(lastSequenceNumber);
            }
        }
        try (var cloudWatch = Clients.cloudWatch(WHARF.endpoint())) {
            assertThat(cloudWatch.listMetrics(r -> r.namespace(APP)).metrics())
                    .as("the daemon's KCL published its metrics to Wharf's CloudWatch").isNotEmpty();
        }
    }

    private static boolean python3Runs() throws InterruptedException {
        try {
            Process python = new ProcessBuilder("python3", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean exited = python.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            if (!exited) {
                python.destroyForcibly();
            }
            return exited && python.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private Path writeProperties(Path events) throws IOException, URISyntaxException {
        Path processor = Path.of(getClass().getResource("/multilang/record_processor.py").toURI());
        String endpoint = WHARF.endpoint().toString();
        // the daemon splits executableName at spaces; the temp dir and target/ paths have none
        String text = """
                executableName = python3 %s %s
                streamName = %s
                applicationName = %s
                AwsCredentialsProvider = DefaultCredentialsProvider
                initialPositionInStream = TRIM_HORIZON
                regionName = us-east-1
                kinesisEndpoint = %s
                dynamoDBEndpoint = %s
                cloudWatchClient.endpointOverride = %s
                failoverTimeMillis = 2000
                shardSyncIntervalMillis = 1000
                parentShardPollIntervalMillis = 200
                schedulerInitializationBackoffTimeMillis = 200
                """.formatted(processor, events, STREAM, APP, endpoint, endpoint, endpoint);
        Path file = dir.resolve("app.properties");
        Files.writeString(file, text);
        return file;
    }

    private static void putRecords(KinesisClient kinesis, String prefix, Map<String, String> lastSequenceNumber) {
        for (int i = 0; i < RECORDS; i++) {
            String data = prefix + i;
            PutRecordResponse put = kinesis.putRecord(r -> r.streamName(STREAM).partitionKey("key-" + data.hashCode())
                    .data(SdkBytes.fromUtf8String(data)));
            lastSequenceNumber.put(put.shardId(), put.sequenceNumber());
        }
    }

    private boolean checkpoints(Map<String, String> lastSequenceNumber, Shard parent) {
        Map<String, String> checkpoints = leaseCheckpoints();
        return "SHARD_END".equals(checkpoints.get(parent.shardId())) && lastSequenceNumber.entrySet().stream()
                .allMatch(e -> e.getValue().equals(checkpoints.get(e.getKey())));
    }

    /** leaseKey → checkpoint, as KCL keeps them in its lease table. */
    private static Map<String, String> leaseCheckpoints() {
        try (var ddb = Clients.dynamoDb(WHARF.endpoint())) {
            if (!ddb.listTables().tableNames().contains(APP)) {
                return Map.of();
            }
            Map<String, String> checkpoints = new HashMap<>();
            ddb.scan(r -> r.tableName(APP)).items().forEach(item ->
                    checkpoints.put(item.get("leaseKey").s(), item.get("checkpoint").s()));
            return checkpoints;
        }
    }

    private static List<JsonNode> records(Path events) {
        return eventsOf(events, "record");
    }

    private static List<JsonNode> eventsOf(Path events, String kind) {
        if (!Files.exists(events)) {
            return List.of();
        }
        try {
            return Files.readAllLines(events).stream().filter(line -> !line.isBlank()).map(line -> {
                try {
                    return JSON.readTree(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).filter(e -> e.get("event").asText().equals(kind)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitActive(KinesisClient kinesis) throws InterruptedException {
        while (kinesis.describeStreamSummary(r -> r.streamName(STREAM)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            Thread.sleep(50);
        }
    }

    /** Waits up to two minutes; the assertions after it say what is missing. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
    }
}
