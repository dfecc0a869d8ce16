package io.wharf.bench.measure;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class ServerJitTest {

    @Test
    void thisJvmsCompilerThreadsAreFoundAndCountedWithinTheProcessTotal() {
        long pid = ProcessHandle.current().pid();
        // compile something for sure, so C1/C2 have used some CPU
        long sum = 0;
        for (int i = 0; i < 5_000_000; i++) {
            sum += Long.toString(i).hashCode();
        }
        assertThat(sum).isNotZero();
        OptionalLong jit = ProcessCpu.compilerMillis(pid);
        OptionalLong total = ProcessCpu.millis(pid);
        assertThat(jit).isPresent();
        assertThat(total).isPresent();
        assertThat(jit.getAsLong()).isPositive().isLessThanOrEqualTo(total.getAsLong());
    }

    @Test
    void aProcessThatIsGoneHasNoFigure() {
        assertThat(ProcessCpu.compilerMillis(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void cpuWithoutJitSubtractsTheRecordedCompilerTime() {
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        latencies.put("send-batch", new Percentiles(400, 1.5, 4.25, 9.0, 12.0, 1.75));
        Result plain = new Result("sqs-send", "wharf", Map.of(), 2.0, 4000, 0, null, "send-batch", latencies,
                OptionalLong.of(500), OptionalLong.of(800), OptionalDouble.of(1.5));
        assertThat(plain.serverCpuWithoutJitPerThousand()).isEmpty();
        Result withJit = plain.withParameter(Result.SERVER_JIT_MILLIS, "100");
        assertThat(withJit.serverCpuMillisPerThousand()).hasValue(125.0);
        assertThat(withJit.serverCpuWithoutJitPerThousand()).hasValue(100.0);
        assertThat(withJit.parameters()).containsEntry(Result.SERVER_JIT_MILLIS, "100");
    }
}
