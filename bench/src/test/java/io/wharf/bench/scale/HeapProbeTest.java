package io.wharf.bench.scale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading jcmd's GC.heap_info, and a real probe of this JVM. */
class HeapProbeTest {
    @Test
    void readsTheUsedFigureOfG1() {
        String output = """
                7663:
                 garbage-first heap   total reserved 6172672K, committed 28672K, used 2913K [0x0000000687400000, 0x0000000800000000)
                  region size 4096K, 0 young (0K), 0 survivors (0K)
                """;

        assertThat(HeapProbe.parseUsedBytes(output)).isEqualTo(2913L * 1024);
    }

    @Test
    void readsTheUsedFigureOfOlderFormats() {
        String output = " garbage-first heap   total 262144K, used 12345K [0x00000000f0000000, 0x0000000100000000)\n";

        assertThat(HeapProbe.parseUsedBytes(output)).isEqualTo(12345L * 1024);
    }

    @Test
    void anOutputWithoutTheFigureIsAnError() {
        assertThatThrownBy(() -> HeapProbe.parseUsedBytes("12: Could not find any processes"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("used");
    }

    @Test
    void measuresThisJvmAndSeesAnAllocationThatStaysReachable() {
        HeapProbe probe = HeapProbe.of(ProcessHandle.current().pid());
        long before = probe.getAsLong();
        byte[][] held = new byte[64][];
        for (int i = 0; i < held.length; i++) {
            held[i] = new byte[1024 * 1024];
        }
        long after = probe.getAsLong();

        assertThat(before).isPositive();
        assertThat(after - before).as("64 MiB held across the GC").isGreaterThan(60L * 1024 * 1024);
        assertThat(held.length).isEqualTo(64);
    }
}
