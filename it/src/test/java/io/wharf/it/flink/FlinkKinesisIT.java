package io.wharf.it.flink;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import ch.qos.logback.classic.Level;
import io.wharf.testkit.Clients;
import io.wharf.testkit.StallDump;
import io.wharf.testkit.WharfServerExtension;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.connector.kinesis.sink.KinesisStreamsSink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointConfigOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;
import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apache Flink's Kinesis connector (flink-connector-kinesis 4.3.0-1.19, Flink 1.19) unmodified against Wharf, in a
 * local MiniCluster of parallelism 2, only the endpoint overridden ({@code aws.endpoint}), CBOR as the SDKs default:
 * a job reads a multi-shard Wharf stream with {@link FlinkKinesisConsumer} (polling, then enhanced fan-out) and writes
 * each record, transformed, to another Wharf stream with {@link KinesisStreamsSink}; every record arrives.
 *
 * <p>What the connector guarantees, and so what is checked: the consumer keeps each shard's sequence number in Flink's
 * checkpoints and savepoints, so a job restored from one resumes exactly after what that snapshot covered (exactly-once
 * for Flink state); the sink flushes everything it buffered before a checkpoint or savepoint completes, and Kinesis
 * has no transactions, so the sink is at-least-once: after a failure, records processed after the last checkpoint are
 * written again. A job stopped <em>with a savepoint</em> (source stopped, sink drained, then the savepoint) and
 * restarted from it therefore neither loses nor repeats a record — checked exactly. A job cancelled without one and
 * restored from its last retained checkpoint loses nothing and writes again at most what it read after that
 * checkpoint — checked as such (how many were repeated is logged). Resharding: a shard split while
 * the job runs is discovered (shard discovery every 200 ms) and its children read, by the polling and the EFO
 * consumer; nothing is lost.
 */
@Execution(ExecutionMode.CONCURRENT)
class FlinkKinesisIT {
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(FlinkKinesisIT.class);
    private static final int READ_ATTEMPTS = 4;
    private static Level flinkLevel;

    @RegisterExtension
    static final WharfServerExtension wharf = WharfServerExtension.builder()
            .configure(c -> c.kinesisTransitionMillis(0)).build();

    @TempDir
    Path work;

    @BeforeAll
    static void quietFlink() {
        ch.qos.logback.classic.Logger flink = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.flink");
        flinkLevel = flink.getLevel();
        flink.setLevel(Level.WARN);
    }

    @AfterAll
    static void restoreLogging() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.flink")).setLevel(flinkLevel);
    }

    /** The client side of every connector: region, endpoint, the test's key; nothing else changed. */
    private static Properties aws() {
        Properties p = new Properties();
        p.setProperty(AWSConfigConstants.AWS_REGION, Clients.REGION.id());
        p.setProperty(AWSConfigConstants.AWS_ENDPOINT, wharf.endpoint().toString());
        p.setProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "BASIC");
        p.setProperty(AWSConfigConstants.AWS_ACCESS_KEY_ID, Clients.ACCESS_KEY_ID);
        p.setProperty(AWSConfigConstants.AWS_SECRET_ACCESS_KEY, Clients.SECRET);
        return p;
    }

    private static Properties consumer(boolean efo) {
        Properties p = aws();
        p.setProperty(ConsumerConfigConstants.STREAM_INITIAL_POSITION, "TRIM_HORIZON");
        p.setProperty(ConsumerConfigConstants.SHARD_DISCOVERY_INTERVAL_MILLIS, "200");
        p.setProperty(ConsumerConfigConstants.SHARD_GETRECORDS_INTERVAL_MILLIS, "100");
        if (efo) {
            p.setProperty(ConsumerConfigConstants.RECORD_PUBLISHER_TYPE, "EFO");
            p.setProperty(ConsumerConfigConstants.EFO_CONSUMER_NAME, "flink-efo");
        }
        return p;
    }

    /**
     * source → "out:" + record → sink, with stable operator ids so a savepoint maps back onto the job. Its MiniCluster
     * keeps its temporary files (among them the 22 MB RPC jar it unpacks, {@code flink-rpc-akka<uuid>.jar}, which it
     * does not always delete, and its REST endpoint's upload directory) in the test's own directory, not in
     * {@code java.io.tmpdir}; and it listens on loopback
     * only: its RPC, blob server, shuffle and REST endpoint bind every interface by default (seen with {@code ss -ltn}).
     */
    private StreamExecutionEnvironment job(Configuration configuration, String in, String out, boolean efo) {
        Configuration local = new Configuration(configuration);
        local.set(CoreOptions.TMP_DIRS, work.resolve("flink-tmp").toString());
        local.set(WebOptions.TMP_DIR, work.resolve("flink-web").toString()); // its REST endpoint's flink-web-upload
        for (ConfigOption<String> host : List.of(JobManagerOptions.BIND_HOST, TaskManagerOptions.BIND_HOST,
                JobManagerOptions.ADDRESS, TaskManagerOptions.HOST, RestOptions.BIND_ADDRESS)) {
            local.set(host, "127.0.0.1");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, local);
        env.getConfig().setAutoWatermarkInterval(0);
        env.addSource(new FlinkKinesisConsumer<>(in, new SimpleStringSchema(), consumer(efo))).uid("kinesis-source")
                .map(record -> "out:" + record).uid("transform")
                .sinkTo(KinesisStreamsSink.<String>builder().setKinesisClientProperties(aws())
                        .setSerializationSchema(new SimpleStringSchema()).setPartitionKeyGenerator(r -> r)
                        .setStreamName(out).setFailOnError(true).setMaxTimeInBufferMS(100).build()).uid("kinesis-sink");
        return env;
    }

    private static KinesisClient kinesis() {
        return Clients.kinesis(wharf.endpoint());
    }

    private static void createStream(KinesisClient kinesis, String name, int shards) throws InterruptedException {
        kinesis.createStream(r -> r.streamName(name).shardCount(shards));
        awaitActive(kinesis, name);
    }

    private static void awaitActive(KinesisClient kinesis, String name) throws InterruptedException {
        for (int i = 0; i < 200 && kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary()
                .streamStatus() != StreamStatus.ACTIVE; i++) {
            Thread.sleep(25);
        }
    }

    /** Puts {@code count} records "tag-i", spread over the shards by their explicit hash keys. */
    private static List<String> put(KinesisClient kinesis, String stream, String tag, int count) {
        List<String> data = IntStream.range(0, count).mapToObj(i -> tag + "-" + i).toList();
        for (int from = 0; from < count; from += 100) {
            List<PutRecordsRequestEntry> entries = data.subList(from, Math.min(count, from + 100)).stream()
                    .map(d -> PutRecordsRequestEntry.builder().data(SdkBytes.fromUtf8String(d)).partitionKey(d)
                            .build()).toList();
            assertThat(kinesis.putRecords(r -> r.streamName(stream).records(entries)).failedRecordCount()).isZero();
        }
        return data;
    }

    /** Every record now in the stream, all shards, read from TRIM_HORIZON to the end. */
    private static List<String> readAll(KinesisClient kinesis, String stream) {
        List<String> out = new ArrayList<>();
        for (Shard shard : reading("ListShards", () -> kinesis.listShards(r -> r.streamName(stream)).shards())) {
            String iterator = reading("GetShardIterator", () -> kinesis.getShardIterator(r -> r.streamName(stream)
                    .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = reading("GetRecords",
                        () -> kinesis.getRecords(r -> r.shardIterator(current).limit(1000)));
                page.records().forEach(r -> out.add(r.data().asUtf8String()));
                if (page.records().isEmpty() && (page.millisBehindLatest() == null || page.millisBehindLatest() == 0)) {
                    break;
                }
                iterator = page.nextShardIterator();
            }
        }
        return out;
    }

    /**
     * One call of the test's own reader of the output stream, tried again (at most {@value #READ_ATTEMPTS} times in
     * all) when it timed out waiting for Wharf's answer. Twice in CI so far (a ListShards, a GetShardIterator), one such
     * call went unanswered for the client's 30 s in the checkpoint test, cause not yet found; never in local runs. Each
     * timeout still leaves every thread of the JVM on standard error and a digest that CI prints at the end
     * ({@link StallDump#recordTimeout}), so it is seen without failing a test of Flink's guarantees. Any other error,
     * and a timeout on the last attempt, fails the test.
     */
    private static <T> T reading(String call, java.util.function.Supplier<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
                if (n == READ_ATTEMPTS || !StallDump.recordTimeout("FlinkKinesisIT's reader, " + call + " (attempt " + n
                        + " of " + READ_ATTEMPTS + ")", e)) {
                    throw e;
                }
                log.warn("{} timed out waiting for Wharf (attempt {} of {}), trying again: {}", call, n, READ_ATTEMPTS,
                        e.toString());
            }
        }
    }

    /** Splits the stream's first shard in the middle of its hash key range and waits for ACTIVE. */
    private static void split(KinesisClient kinesis, String stream) throws InterruptedException {
        Shard first = kinesis.listShards(r -> r.streamName(stream)).shards().get(0);
        BigInteger start = new BigInteger(first.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(first.hashKeyRange().endingHashKey());
        kinesis.splitShard(r -> r.streamName(stream).shardToSplit(first.shardId())
                .newStartingHashKey(start.add(end).shiftRight(1).toString()));
        awaitActive(kinesis, stream);
    }

    private static List<String> expected(List<String> sent) {
        return sent.stream().map(s -> "out:" + s).toList();
    }

    /** Waits (bounded) until the output stream holds at least {@code count} records; the caller asserts them. */
    private static List<String> awaitOutput(KinesisClient kinesis, String stream, int count) throws InterruptedException {
        long started = System.nanoTime();
        List<String> out = readAll(kinesis, stream);
        for (int i = 0; i < 600 && out.size() < count; i++) {
            Thread.sleep(100);
            out = readAll(kinesis, stream);
        }
        log.info("{}: {} of {} records after {} ms", stream, out.size(), count, (System.nanoTime() - started) / 1_000_000);
        return out;
    }

    @Test
    void pollingConsumerReadsEveryShardAndFollowsASplit() throws Exception {
        try (KinesisClient kinesis = kinesis()) {
            createStream(kinesis, "flink-in-polling", 4);
            createStream(kinesis, "flink-out-polling", 2);
            List<String> sent = new ArrayList<>(put(kinesis, "flink-in-polling", "before", 200));
            JobClient job = job(new Configuration(), "flink-in-polling", "flink-out-polling", false).executeAsync("polling");
            try {
                assertThat(awaitOutput(kinesis, "flink-out-polling", sent.size()))
                        .containsExactlyInAnyOrderElementsOf(expected(sent));
                // split the first shard while the job reads; the records that follow land in its children too
                split(kinesis, "flink-in-polling");
                assertThat(kinesis.listShards(r -> r.streamName("flink-in-polling")).shards()).hasSize(6);
                sent.addAll(put(kinesis, "flink-in-polling", "after-split", 200));
                assertThat(awaitOutput(kinesis, "flink-out-polling", sent.size()))
                        .containsExactlyInAnyOrderElementsOf(expected(sent));
            } finally {
                job.cancel().get();
            }
        }
    }

    @Test
    void enhancedFanOutConsumerReadsEveryShard() throws Exception {
        try (KinesisClient kinesis = kinesis()) {
            createStream(kinesis, "flink-in-efo", 3);
            createStream(kinesis, "flink-out-efo", 2);
            List<String> sent = new ArrayList<>(put(kinesis, "flink-in-efo", "before", 150));
            JobClient job = job(new Configuration(), "flink-in-efo", "flink-out-efo", true).executeAsync("efo");
            try {
                assertThat(awaitOutput(kinesis, "flink-out-efo", sent.size()))
                        .containsExactlyInAnyOrderElementsOf(expected(sent));
                sent.addAll(put(kinesis, "flink-in-efo", "live", 150));
                assertThat(awaitOutput(kinesis, "flink-out-efo", sent.size()))
                        .containsExactlyInAnyOrderElementsOf(expected(sent));
                split(kinesis, "flink-in-efo");
                sent.addAll(put(kinesis, "flink-in-efo", "after-split", 150));
                assertThat(awaitOutput(kinesis, "flink-out-efo", sent.size()))
                        .containsExactlyInAnyOrderElementsOf(expected(sent));
                String arn = kinesis.describeStreamSummary(r -> r.streamName("flink-in-efo"))
                        .streamDescriptionSummary().streamARN();
                assertThat(kinesis.listStreamConsumers(r -> r.streamARN(arn)).consumers())
                        .anySatisfy(c -> assertThat(c.consumerName()).isEqualTo("flink-efo"));
            } finally {
                job.cancel().get();
            }
        }
    }

    /**
     * The newest complete checkpoint retained under {@code directory} ({@code <job>/chk-N/_metadata}), or null. Flink
     * deletes each checkpoint a newer one supersedes, also while this looks: what vanishes meanwhile is skipped.
     */
    private static Path latestCheckpoint(Path directory) throws IOException {
        List<Path> complete = new ArrayList<>();
        Files.walkFileTree(directory, Set.of(), 3, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (file.getFileName().toString().equals("_metadata")
                        && file.getParent().getFileName().toString().startsWith("chk-")) {
                    complete.add(file.getParent());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                return skipIfGone(e);
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                return e == null ? FileVisitResult.CONTINUE : skipIfGone(e);
            }

            private FileVisitResult skipIfGone(IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return complete.stream()
                .max(Comparator.comparingInt(d -> Integer.parseInt(d.getFileName().toString().substring(4))))
                .orElse(null);
    }

    @Test
    void aJobRestoredFromACheckpointAfterACancelLosesNothingAndRepeatsOnlyWhatFollowedTheCheckpoint()
            throws Exception {
        Path checkpoints = work.resolve("checkpoints");
        Configuration retained = new Configuration();
        retained.setString("state.checkpoints.dir", checkpoints.toUri().toString());
        retained.setString("execution.checkpointing.interval", "200 ms");
        retained.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        try (KinesisClient kinesis = kinesis()) {
            createStream(kinesis, "flink-in-checkpoint", 2);
            createStream(kinesis, "flink-out-checkpoint", 2);
            List<String> covered = put(kinesis, "flink-in-checkpoint", "covered", 100);
            JobClient first = job(retained, "flink-in-checkpoint", "flink-out-checkpoint", false).executeAsync("cp-1");
            List<String> notCovered;
            Path checkpoint;
            try {
                assertThat(awaitOutput(kinesis, "flink-out-checkpoint", covered.size()))
                        .containsExactlyInAnyOrderElementsOf(expected(covered));
                // a checkpoint taken once all of them were written: it covers them
                Path before = latestCheckpoint(checkpoints);
                for (int i = 0; i < 200 && java.util.Objects.equals(before, latestCheckpoint(checkpoints)); i++) {
                    Thread.sleep(50);
                }
                assertThat(latestCheckpoint(checkpoints)).isNotEqualTo(before);
                notCovered = put(kinesis, "flink-in-checkpoint", "maybe-covered", 100);
                assertThat(awaitOutput(kinesis, "flink-out-checkpoint", covered.size() + notCovered.size())).hasSize(200);
            } finally {
                first.cancel().get(); // no savepoint: a crash as far as the sink is concerned
            }
            checkpoint = latestCheckpoint(checkpoints);
            Configuration restore = new Configuration(retained);
            restore.set(SavepointConfigOptions.SAVEPOINT_PATH, checkpoint.toUri().toString());
            JobClient second = job(restore, "flink-in-checkpoint", "flink-out-checkpoint", false).executeAsync("cp-2");
            try {
                List<String> afterRestart = put(kinesis, "flink-in-checkpoint", "after-restart", 100);
                List<String> all = new ArrayList<>(covered);
                all.addAll(notCovered);
                all.addAll(afterRestart);
                List<String> out = awaitOutput(kinesis, "flink-out-checkpoint", all.size());
                for (int i = 0; i < 600 && !out.containsAll(expected(all)); i++) {
                    Thread.sleep(100);
                    out = readAll(kinesis, "flink-out-checkpoint");
                }
                assertThat(out).containsAll(expected(all)); // nothing lost
                List<String> repeated = new ArrayList<>(out);
                expected(all).forEach(repeated::remove);
                log.info("restored from {}: {} record(s) written twice", checkpoint.getFileName(), repeated.size());
                // at-least-once: only records read after the checkpoint may be written again, never the covered ones
                assertThat(repeated).allSatisfy(r -> assertThat(r).startsWith("out:maybe-covered-"));
            } finally {
                second.cancel().get();
            }
        }
    }

    @Test
    void aJobStoppedWithASavepointResumesWithNothingLostOrRepeated() throws Exception {
        try (KinesisClient kinesis = kinesis()) {
            createStream(kinesis, "flink-in-savepoint", 2);
            createStream(kinesis, "flink-out-savepoint", 2);
            List<String> sent = new ArrayList<>(put(kinesis, "flink-in-savepoint", "first", 150));
            JobClient first = job(new Configuration(), "flink-in-savepoint", "flink-out-savepoint", false)
                    .executeAsync("savepoint-1");
            assertThat(awaitOutput(kinesis, "flink-out-savepoint", sent.size()))
                    .containsExactlyInAnyOrderElementsOf(expected(sent));
            String savepoint = first.stopWithSavepoint(false, work.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get();

            sent.addAll(put(kinesis, "flink-in-savepoint", "while-stopped", 150));
            Configuration restore = new Configuration();
            restore.set(SavepointConfigOptions.SAVEPOINT_PATH, savepoint);
            JobClient second = job(restore, "flink-in-savepoint", "flink-out-savepoint", false).executeAsync("savepoint-2");
            try {
                sent.addAll(put(kinesis, "flink-in-savepoint", "after-restart", 100));
                // exactly: a record read again from TRIM_HORIZON (the savepoint ignored) would show up twice
                assertThat(awaitOutput(kinesis, "flink-out-savepoint", sent.size()))
                        .containsExactlyInAnyOrderElementsOf(expected(sent));
            } finally {
                second.cancel().get();
            }
        }
    }
}
