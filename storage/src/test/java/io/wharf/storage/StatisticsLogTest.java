package io.wharf.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The measuring aid counts Wharf's operations and RocksDB's bytes, and never writes a key or a value. */
class StatisticsLogTest {
    @TempDir
    Path dir;

    @Test
    void countsOperationsAndWalBytesThenSummarisesAtClose() throws IOException {
        Path log = dir.resolve("stats.log");
        try (RocksStore store = RocksStore.open(dir.resolve("db"), FsyncMode.ALWAYS, StatisticsLog.to(log))) {
            KeySpace space = store.keySpace("sqs.messages");
            store.commit(new WriteBatch().put(space, bytes("key-secret-1"), bytes("value-secret-1"))
                    .put(space, bytes("key-secret-2"), bytes("value-secret-2")));
            store.commit(new WriteBatch().put(space, bytes("key-secret-3"), bytes("value-secret-3"))
                    .delete(space, bytes("key-secret-1")).deleteRange(space, bytes("a"), bytes("b")));
        }

        String text = Files.readString(log);
        List<String> counters = text.lines().filter(l -> l.startsWith("t=")).toList();
        assertThat(counters).isNotEmpty();
        String last = counters.getLast();
        assertThat(last).contains(" puts=3 ", " deletes=1 ", " deleteRanges=1 ", " jvmAllocatedBytes=", " gcCount=");
        assertThat(value(last, "WAL_FILE_BYTES")).isPositive();
        assertThat(value(last, "WAL_FILE_SYNCED")).isPositive();
        assertThat(value(last, "NUMBER_KEYS_WRITTEN")).isGreaterThanOrEqualTo(5);
        // per period, not cumulative: the two writes fall in one of the lines, every line has both figures
        assertThat(counters).allSatisfy(l -> assertThat(value(l, "groupWriteMaxMicros")).isNotNegative());
        assertThat(counters.stream().mapToLong(l -> value(l, "groupWaitMaxMicros")).min().orElseThrow())
                .isNotNegative();
        assertThat(text).contains("# rocksdb.stats", "# rocksdb.cfstats sqs.messages").doesNotContain("secret");
    }

    private static long value(String line, String name) {
        for (String pair : line.split(" ")) {
            if (pair.startsWith(name + "=")) {
                return Long.parseLong(pair.substring(name.length() + 1));
            }
        }
        throw new AssertionError(name + " not in " + line);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
