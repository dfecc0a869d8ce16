package io.wharf.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

class StallDumpTest {

    @Test
    void aTimeoutAnywhereInTheCauseChainIsAStallAndNothingElseIs() {
        assertThat(StallDump.timeoutIn(SdkClientException.create("Unable to execute HTTP request: Read timed out",
                new SocketTimeoutException("Read timed out")))).isNotNull();
        assertThat(StallDump.timeoutIn(ApiCallTimeoutException.create(30_000))).isNotNull();
        assertThat(StallDump.timeoutIn(new RuntimeException(new java.util.concurrent.TimeoutException()))).isNotNull();
        assertThat(StallDump.timeoutIn(new AssertionError("expected 3 but was 2"))).isNull();
        assertThat(StallDump.timeoutIn(new IllegalStateException(new IOException("Connection reset")))).isNull();
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b); // a loop of causes ends the walk, found nothing
        assertThat(StallDump.timeoutIn(a)).isNull();
    }

    @Test
    void theDumpHoldsVirtualThreadsAndIsPrintedOnceAMinute() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread parked = Thread.ofVirtual().name("stall-dump-test-virtual").start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            while (parked.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            StallDump.forgetLastDump();
            StallDump.report("A.test", new IllegalStateException("not a stall"));
            assertThat(captured.size()).isZero();
            StallDump.report("A.test", SdkClientException.create("x", new SocketTimeoutException("Read timed out")));
            String first = captured.toString(StandardCharsets.UTF_8);
            assertThat(first).startsWith("=== A.test timed out waiting").contains("Read timed out")
                    .contains("\"stall-dump-test-virtual\" virtual").contains("CountDownLatch.await")
                    .contains("theDumpHoldsVirtualThreadsAndIsPrintedOnceAMinute")
                    .endsWith("=== end of the thread dump" + System.lineSeparator());
            StallDump.report("B.test", SdkClientException.create("x", new SocketTimeoutException("Read timed out")));
            assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo(first);
        } finally {
            System.setErr(err);
            release.countDown();
            parked.join();
        }
    }

    @Test
    void theDigestGroupsTheThreadsInWharfsCodeAndTheBusyEventLoops() {
        String dump = String.join("\n",
                "12345", "2026-12-07T09:46:21Z", "25.0.3+9-LTS", "",
                "#3 \"main\" WAITING 2026-12-07T09:46:21Z",
                "    at java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "    at org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine.execute(H.java:58)", "",
                "#41 \"wharf-request\" virtual WAITING 2026-12-07T09:46:22Z",
                "    at java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "    - parking to wait for <java.util.concurrent.locks.ReentrantLock$NonfairSync@1>",
                "    at java.base/java.util.concurrent.locks.ReentrantLock.lock(ReentrantLock.java:322)",
                "    at io.wharf.kinesis.engine.KinesisEngine.change(KinesisEngine.java:111)",
                "    at io.wharf.kinesis.operations.CreateStream.invoke(CreateStream.java:20)", "",
                "#42 \"wharf-request\" virtual WAITING 2026-12-07T09:46:22Z",
                "    at java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "    at io.wharf.kinesis.engine.KinesisEngine.change(KinesisEngine.java:111)", "",
                "#50 \"multiThreadIoEventLoopGroup-2-1\" RUNNABLE 2026-12-07T09:46:22Z",
                "    at io.netty.channel.epoll.Native.epollWait(Native Method)",
                "    at io.netty.channel.epoll.EpollIoHandler.run(EpollIoHandler.java:1)", "",
                "#51 \"multiThreadIoEventLoopGroup-2-2\" RUNNABLE 2026-12-07T09:46:22Z",
                "    at java.base/java.io.FileOutputStream.writeBytes(Native Method)",
                "    at ch.qos.logback.core.OutputStreamAppender.append(OutputStreamAppender.java:1)", "",
                "#25 \"Signal Dispatcher\" 2026-12-07T09:46:21Z", "");
        String digest = StallDump.digest("A.test()", new SocketTimeoutException("Read timed out"), dump);
        assertThat(digest.lines()).containsExactly(
                digest.lines().findFirst().orElseThrow(),
                "   2 \"wharf-request\" WAITING at io.wharf.kinesis.engine.KinesisEngine.change(KinesisEngine.java:111)",
                "   1 \"multiThreadIoEventLoopGroup-N-N\" RUNNABLE at java.base/java.io.FileOutputStream.writeBytes(Native Method)");
        assertThat(digest).startsWith("stall digest: A.test() timed out (java.net.SocketTimeoutException: Read timed out) at ");
        assertThat(StallDump.digest("A.test()", new SocketTimeoutException("x"), "#3 \"main\" WAITING 2026-12-07T09:46:21Z\n"))
                .endsWith("no thread in Wharf's code, every event loop waiting for I/O\n");
    }

    @Test
    void whereAFileIsNamedTheDigestIsAppendedToIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path file = dir.resolve("stall-digest.txt");
        PrintStream err = System.err;
        String before = System.getProperty(StallDump.DIGEST_FILE);
        try {
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setProperty(StallDump.DIGEST_FILE, file.toString());
            StallDump.forgetLastDump();
            StallDump.report("A.test", SdkClientException.create("x", new SocketTimeoutException("Read timed out")));
            StallDump.forgetLastDump();
            StallDump.report("B.test", SdkClientException.create("x", new SocketTimeoutException("Read timed out")));
        } finally {
            System.setErr(err);
            if (before == null) {
                System.clearProperty(StallDump.DIGEST_FILE);
            } else {
                System.setProperty(StallDump.DIGEST_FILE, before);
            }
        }
        assertThat(java.nio.file.Files.readAllLines(file)).filteredOn(l -> l.startsWith("stall digest: "))
                .hasSize(2).satisfies(l -> assertThat(l.get(1)).startsWith("stall digest: B.test timed out"));
    }

    @Test
    void anInstrumentThatTriesAgainLeavesTheDumpOfATimeoutAndOnlyOfATimeout() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            StallDump.forgetLastDump();
            assertThat(StallDump.recordTimeout("reader", new IllegalStateException(new IOException("reset")))).isFalse();
            assertThat(captured.size()).isZero();
            assertThat(StallDump.recordTimeout("reader, GetRecords (attempt 1 of 4)",
                    SdkClientException.create("x", new SocketTimeoutException("Read timed out")))).isTrue();
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .startsWith("=== reader, GetRecords (attempt 1 of 4) timed out waiting");
    }

    /** Run only through the launcher below (surefire leaves nested classes out). */
    static class Stalling {
        @RegisterExtension
        static final WharfServerExtension wharf = WharfServerExtension.builder().build();

        @Test
        void aCallThatTimesOut() {
            wharf.wharf();
            throw SdkClientException.create("Unable to execute HTTP request: Read timed out",
                    new SocketTimeoutException("Read timed out"));
        }

        @Test
        void aPlainFailure() {
            wharf.wharf();
            throw new AssertionError("expected 3 but was 2");
        }
    }

    private static TestExecutionSummary.Failure runAlone(String method, ByteArrayOutputStream err) {
        PrintStream saved = System.err;
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            StallDump.forgetLastDump();
            LauncherFactory.create().execute(request().selectors(selectMethod(Stalling.class, method)).build(), summary);
        } finally {
            System.setErr(saved);
        }
        assertThat(summary.getSummary().getFailures()).hasSize(1);
        return summary.getSummary().getFailures().get(0);
    }

    @Test
    void aServerTestThatTimesOutPrintsTheServersThreadsAndStillFailsWithItsOwnError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TestExecutionSummary.Failure failure = runAlone("aCallThatTimesOut", err);
        assertThat(failure.getException()).isInstanceOf(SdkClientException.class).hasMessageContaining("Read timed out");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("=== Stalling.aCallThatTimesOut() timed out waiting (java.net.SocketTimeoutException")
                .contains("\"sns-delivery-1\" virtual") // the in-process server's own threads
                .contains("=== end of the thread dump");

        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        assertThat(runAlone("aPlainFailure", quiet).getException()).isInstanceOf(AssertionError.class);
        assertThat(quiet.toString(StandardCharsets.UTF_8)).doesNotContain("thread dump");
    }
}
