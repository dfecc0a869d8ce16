package io.wharf.bench.scale;

import io.wharf.bench.measure.Percentiles;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The figures a scale result derives, its JSON and table, and counting established connections. */
class ScaleResultTest {
    private static ScaleResult result(long baseline, long heap, long items, OptionalLong restart) {
        return new ScaleResult("backlog", Map.of("messages", items), "message", items, baseline, heap,
                Map.of("receive", new Percentiles(10, 1.5, 3.25, 4, 5, 2)), restart, Map.of("fill rate", "9 \"messages\"/s"), 0);
    }

    @Test
    void heapPerItemIsTheGrowthDividedByTheItems() {
        assertThat(result(1_000, 21_000, 100, OptionalLong.empty()).heapPerItemBytes()).isEqualTo(200);
        assertThat(result(1_000, 500, 100, OptionalLong.empty()).heapPerItemBytes()).as("a shrink is not negative").isZero();
        assertThat(result(1_000, 5_000, 0, OptionalLong.empty()).heapPerItemBytes()).as("no items").isZero();
        assertThat(ScaleResult.perItem(100, 1_100, 10)).isEqualTo(100);
    }

    @Test
    void jsonCarriesEveryFigure() {
        String json = result(1_000, 21_000, 100, OptionalLong.of(1234)).toJson();

        assertThat(json).startsWith("{\"case\":\"backlog\",\"work\":{\"messages\":100}")
                .contains("\"heapBytes\":21000", "\"heapPerItemBytes\":200", "\"baselineHeapBytes\":1000",
                        "\"receive\":{\"count\":10,\"p50Millis\":1.500,\"p99Millis\":3.250", "\"restartMillis\":1234",
                        "\"fill rate\":\"9 \\\"messages\\\"/s\"", "GC.heap_info")
                .endsWith("\"errors\":0}");
        assertThat(result(1, 2, 1, OptionalLong.empty()).toJson()).doesNotContain("restartMillis");
    }

    @Test
    void tableNamesTheItem() {
        String table = result(0, 2 * 1048576, 1024, OptionalLong.of(50)).toTable();

        assertThat(table).contains("heap per message", "2048 B", "2.0 MiB", "restart", "50 ms", "p99 3.25 ms");
    }

    @Test
    void countsEstablishedConnectionsOnTheServerPort() {
        List<String> lines = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000        0 1",
                "   1: 0100007F:1F90 0100007F:C351 01 00000000:00000000 00:00000000 00000000  1000        0 2",
                "   2: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 3",
                "   3: 0100007F:C350 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 4");

        assertThat(ConnectionsCase.countEstablished(lines, 8080)).as("two server ends; the listener and client end don't count")
                .isEqualTo(2);
    }
}
