package io.wharf.bench.scale;

import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every case run small against a real Wharf in this JVM (the heap figures are this JVM's: only their presence is
 * checked); the backlog's restart against Wharf's jar in its own process, when the jar is built.
 */
class ScaleCasesTest {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private static final ScaleOptions SMALL = new ScaleOptions(10, 10, 10_000, 4, 64, 20, 50, 20, 2, 40, 10, 20, 0,
            false, false, 20_000);
    // 40 subscriptions over 20 shards: each shard read by both consumers, and more streams than a default client pool

    /** This JVM's Wharf: heap via jcmd on this JVM, no restart. */
    private static final ScaleServer IN_PROCESS = new ScaleServer() {
        @Override
        public URI endpoint() {
            return WHARF.endpoint();
        }

        @Override
        public long usedHeapAfterGc() {
            return HeapProbe.of(ProcessHandle.current().pid()).getAsLong();
        }

        @Override
        public boolean canRestart() {
            return false;
        }

        @Override
        public void killAndRestart() {
            throw new UnsupportedOperationException();
        }
    };

    private static ScaleResult run(String name) throws Exception {
        return run(ScaleCase.named(name));
    }

    private static ScaleResult run(ScaleCase scaleCase) throws Exception {
        ScaleResult result = scaleCase.run(IN_PROCESS, SMALL);
        assertThat(result.errors()).as(result.toTable()).isZero();
        assertThat(result.heapBytes()).isPositive();
        assertThat(result.baselineHeapBytes()).isPositive();
        assertThat(result.latencies()).isNotEmpty();
        result.latencies().forEach((latency, p) -> assertThat(p.count()).as(latency).isPositive());
        return result;
    }

    @Test
    void queuesFillsEveryQueue() throws Exception {
        ScaleResult result = run("queues");

        assertThat(result.items()).isEqualTo(100);
        assertThat(result.latencies().get("receive").count()).isEqualTo(20);
        assertThat(result.extra()).containsKeys("heap per queue", "heap per message (over queues)");
        assertThat(result.restartMillis()).as("no restart of this JVM's Wharf").isEmpty();
    }

    @Test
    void queuesInFlightReceivesWhatTheSamplesLeft() throws Exception {
        ScaleOptions o = SMALL;
        ScaleResult result = new QueuesCase().run(IN_PROCESS, new ScaleOptions(o.queues(), o.messages(), o.backlog(),
                o.senders(), o.bodyBytes(), o.pollers(), o.connections(), o.shards(), o.consumers(), o.subscriptions(),
                o.topicSubscriptions(), o.samples(), o.delaySeconds(), o.fifo(), true, o.records()));

        assertThat(result.errors()).isZero();
        assertThat(result.extra()).containsKeys("heap per in-flight message", "heap with all in flight");
        // the queues are this class's server's, shared with the plain queues run: at least the 100 sent now, less the
        // 20 the sampled receives hold, and nothing left visible anywhere
        assertThat(Long.parseLong(result.extra().get("in flight").replace(" messages", ""))).isGreaterThanOrEqualTo(80);
        for (int i = 0; i < o.queues(); i++) {
            String name = "scale-q-" + i;
            String url = WHARF.sqs().getQueueUrl(b -> b.queueName(name)).queueUrl();
            assertThat(WHARF.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings(
                            "ApproximateNumberOfMessages")).attributesAsStrings())
                    .containsEntry("ApproximateNumberOfMessages", "0");
        }
        assertThat(result.work()).containsEntry("inFlight", 1L);
    }

    @Test
    void backlogFillsOneQueueAndSaysItCannotRestartHere() throws Exception {
        ScaleResult result = run("backlog");

        assertThat(result.items()).isEqualTo(10_000);
        assertThat(result.restartMillis()).isEmpty();
        assertThat(result.extra().get("restart")).contains("not measured");
    }

    @Test
    void longPollersWakeOnASend() throws Exception {
        ScaleResult result = run("long-pollers");

        assertThat(result.items()).isEqualTo(20);
        assertThat(result.latencies().get("wake (send to poller's answer)").count()).isEqualTo(20);
        assertThat(result.extra().get("polls waiting when measured")).isEqualTo("20");
    }

    @Test
    void connectionsAreOpenAndCounted() throws Exception {
        // two rounds (the second reuses the first's connections) of 2 s holds instead of the command's 3 of 5 s
        ScaleResult result = run(new ConnectionsCase(2, 2, 200));

        assertThat(result.items()).as("established on the server's port").isBetween(25L, 60L);
    }

    @Test
    void shardsPushWhatIsPut() throws Exception {
        ScaleResult result = run("shards");

        assertThat(result.items()).isEqualTo(40);
        assertThat(result.latencies().get("put-to-push").count()).isEqualTo(20);
    }

    @Test
    void recordsAreFoundByTimeAmongThoseRetained() throws Exception {
        ScaleResult result = run("records");

        assertThat(result.items()).isEqualTo(20_000);
        assertThat(result.latencies().get("at-timestamp").count()).isEqualTo(20);
        assertThat(result.latencies().get("first-record").count()).isEqualTo(20);
        assertThat(result.extra()).containsKeys("fill", "heap per 1,000 records");
        assertThat(result.extra().get("restart")).contains("not measured");
    }

    @Test
    void subscriptionsDeliverEveryPublishToEveryQueue() throws Exception {
        ScaleResult result = run("subscriptions");

        assertThat(result.items()).isEqualTo(10);
        assertThat(result.latencies().get("publish-to-all-delivered").count()).isEqualTo(1);
        assertThat(result.latencies().get("publish-to-each-delivery").count()).isEqualTo(10);
    }

    @Test
    void anUnknownCaseNamesTheKnownOnes() {
        assertThatThrownBy(() -> ScaleCase.named("topics")).hasMessageContaining("long-pollers");
    }

    @Test
    void theCommandRestartsABacklogFromItsDataDirectory(@TempDir Path work) throws Exception {
        java.util.Set<Path> socketsBefore = attachSockets();
        String text = runCommand(work, "backlog", "--backlog", "2000", "--samples", "10", "--heap", "256m");

        assertThat(text).contains("\"case\":\"backlog\"", "\"items\":2000", "\"restartMillis\":", "heap after restart");
        assertThat(work.resolve("wharf-data")).isDirectory();
        // The Wharf it killed had jcmd attached (the heap probe): its attach socket went with it.
        assertThat(attachSockets()).filteredOn(socket -> !socketsBefore.contains(socket))
                .filteredOn(socket -> ProcessHandle.of(Long.parseLong(
                        socket.getFileName().toString().substring(".java_pid".length()))).isEmpty())
                .isEmpty();
    }

    /** Every JVM attach socket in /tmp. */
    private static java.util.Set<Path> attachSockets() throws java.io.IOException {
        try (java.util.stream.Stream<Path> entries = Files.list(Path.of("/tmp"))) {
            return entries.filter(entry -> entry.getFileName().toString().matches("\\.java_pid\\d+"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void theCommandRestartsABacklogOfDelayedMessagesAndCountsThemAll(@TempDir Path work) {
        String text = runCommand(work, "backlog", "--backlog", "2000", "--delay-seconds", "900", "--samples", "10",
                "--heap", "256m");

        assertThat(text).contains("\"items\":2000", "\"delaySeconds\":900", "\"restartMillis\":", "heap after restart")
                .doesNotContain("\"receive\"");
    }

    @Test
    void theCommandRestartsAFifoBacklog(@TempDir Path work) {
        String text = runCommand(work, "backlog", "--backlog", "2000", "--fifo", "--samples", "10", "--heap", "256m");

        assertThat(text).contains("\"items\":2000", "\"fifo\":1", "\"restartMillis\":", "\"receive\"",
                "\"errors\":0");
    }

    @Test
    void theCommandRestartsManyQueuesFromTheirDataDirectory(@TempDir Path work) {
        String text = runCommand(work, "queues", "--queues", "20", "--messages", "15", "--samples", "10",
                "--heap", "256m");

        assertThat(text).contains("\"case\":\"queues\"", "\"items\":300", "\"restartMillis\":", "heap after restart");
    }

    @Test
    void theCommandRestartsAStreamAndFindsItsRecordsByTimeAgain(@TempDir Path work) {
        String text = runCommand(work, "records", "--records", "30000", "--samples", "10", "--heap", "256m");

        assertThat(text).contains("\"case\":\"records\"", "\"items\":30000", "\"restartMillis\":",
                "\"at-timestamp after restart\":{\"count\":10", "heap after restart", "\"errors\":0");
    }

    /** Runs {@code wharf-bench scale ARGS} against Wharf's jar in its own process; returns what it printed. */
    private static String runCommand(Path work, String... args) {
        Path jar = Path.of("..", "server", "target", "wharf.jar").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(jar), "needs Wharf's jar: mvn -pl server -am package");
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new ScaleCommand()).setOut(new PrintWriter(out));
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true));
        int exit;
        try {
            String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--wharf-jar", jar.toString(), "--work-dir", work.toString()))
                    .toArray(String[]::new);
            exit = command.execute(all);
        } finally {
            System.setOut(stdout);
        }
        String text = printed.toString();
        assertThat(exit).as(text).isZero();
        return text;
    }
}
