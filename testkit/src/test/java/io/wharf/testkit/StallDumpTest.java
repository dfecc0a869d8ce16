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
