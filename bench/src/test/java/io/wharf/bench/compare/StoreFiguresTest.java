package io.wharf.bench.compare;

import io.wharf.bench.measure.Percentiles;
import io.wharf.bench.measure.Result;
import io.wharf.bench.measure.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Store counters are taken at the window's edges (interpolated between the server's lines) and divided per message. */
class StoreFiguresTest {

    @Test
    void countersAreInterpolatedAtTheEdges() {
        List<String> lines = List.of("t=1000 puts=0 WAL_FILE_BYTES=0", "t=2000 puts=100 WAL_FILE_BYTES=1000",
                "t=3000 puts=300 WAL_FILE_BYTES=5000", "# rocksdb.stats", "not a counter line");

        Map<String, Double> delta = StoreFigures.between(lines, 1500, 2500);

        assertThat(delta).containsEntry("puts", 150.0).containsEntry("WAL_FILE_BYTES", 2500.0);
        assertThat(StoreFigures.between(lines, 500, 2500)).as("no line before the window").isNull();
        assertThat(StoreFigures.between(lines, 1500, 3500)).as("no line after it").isNull();
    }

    @Test
    void figuresArePerMessageOfTheRun(@TempDir Path dir) throws IOException {
        Path log = Files.writeString(dir.resolve("wharf-store-stats.log"), """
                t=0 puts=0 deletes=0 deleteRanges=0 BYTES_WRITTEN=0 WAL_FILE_BYTES=0 FLUSH_WRITE_BYTES=0 COMPACT_WRITE_BYTES=0 COMPACTION_CPU_TOTAL_TIME=0 jvmAllocatedBytes=0 gcMillis=0
                t=10000 puts=2000 deletes=1000 deleteRanges=0 BYTES_WRITTEN=2000000 WAL_FILE_BYTES=2100000 FLUSH_WRITE_BYTES=500000 COMPACT_WRITE_BYTES=500000 COMPACTION_CPU_TOTAL_TIME=3000 jvmAllocatedBytes=102400000 gcMillis=50
                """);
        Result run = new Result("sqs-roundtrip", "wharf", Map.of("producers", "4"), 10, 1000, 0, null, "send-to-receive",
                Map.of("send-to-receive", new Percentiles(1000, 1, 2, 3, 4, 1)), OptionalLong.of(100),
                OptionalLong.empty(), OptionalDouble.empty());

        Result withStore = StoreFigures.addTo(run, log, new Window.Edges(0, 10000));

        assertThat(withStore.parameters()).containsEntry("producers", "4").containsEntry("store.putsPerMsg", "2.00")
                .containsEntry("store.deletesPerMsg", "1.00").containsEntry("store.walBytesPerMsg", "2100")
                .containsEntry("store.writeAmplification", "0.50").containsEntry("store.compactionCpuMsPer1k", "3.00")
                .containsEntry("store.allocatedKiBPerMsg", "100.0").containsEntry("store.gcMsPer1k", "50.00");
        assertThat(StoreFigures.render(List.of(run, withStore))).contains("sqs-roundtrip on wharf: putsPerMsg=2.00")
                .hasLineCount(2);
        assertThat(StoreFigures.addTo(run, dir.resolve("missing.log"), new Window.Edges(0, 10000))).isSameAs(run);
    }
}
