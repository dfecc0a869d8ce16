package io.wharf.it.measure;

import com.sun.management.OperatingSystemMXBean;
import io.wharf.testkit.RawHttp;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The CPU a hostile form body costs the server (docs/compatibility.md, "Input limits"), not a test: it prints
 * figures and asserts nothing about speed. The server runs in this JVM, so the process CPU time around one request
 * is the server's work plus the client's send of a body built beforehand.
 * Run with {@code mvn -o verify -pl it -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=InputLimitMeasurements -Dfailsafe.failIfNoSpecifiedTests=false -Dwharf.measure=true}.
 */
@EnabledIfSystemProperty(named = "wharf.measure", matches = "true")
class InputLimitMeasurements {
    @RegisterExtension
    static final WharfServerExtension WHARF = new WharfServerExtension();

    @Test
    void aMillionFormParameters() {
        StringBuilder body = new StringBuilder("Action=ListQueues&Version=2012-11-05");
        for (int i = 0; i < 1_000_000; i++) {
            body.append("&p").append(i).append("=v");
        }
        measure("1,000,000-parameter form body", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The same number of bytes in one parameter: what receiving and reading the body costs by itself. */
    @Test
    void oneParameterOfTheSameSize() {
        StringBuilder body = new StringBuilder("Action=ListQueues&Version=2012-11-05&p=");
        body.append("v".repeat(9_888_926 - body.length()));
        measure("one-parameter form body of the same size", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void measure(String what, byte[] bytes) {
        RawHttp raw = WHARF.raw();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int rounds = 7;
        long[] cpuMillis = new long[rounds];
        int status = 0;
        for (int round = 0; round < rounds; round++) {
            long before = os.getProcessCpuTime();
            status = raw.post("/", RawHttp.FORM, bytes, Map.of()).status();
            cpuMillis[round] = (os.getProcessCpuTime() - before) / 1_000_000;
        }
        Arrays.sort(cpuMillis);
        System.out.printf("%s (%d bytes): HTTP %d; process CPU per request, ms: min %d,"
                + " median %d, max %d (%d rounds)%n", what, bytes.length, status, cpuMillis[0], cpuMillis[rounds / 2],
                cpuMillis[rounds - 1], rounds);
    }
}
