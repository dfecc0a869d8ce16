package io.wharf.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Damage on disk is refused at open, salvaged only by {@link RocksRepair}, and met at run time fails the store. */
class RocksStoreDamageTest {
    private static final int RECORDS = 250;

    @TempDir
    Path dir;

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "30, could not be read, later write batch(es)", // RocksDB resyncs at the next 32 KiB block: a gap
            "88, ends with damaged record(s) after sequence number, every write after that sequence number is dropped"}) // nothing readable after it
    void aGarbledWriteAheadLogIsRefusedAndRepairKeepsTheConsistentPrefix(int percent, String says, String alsoSays)
            throws IOException {
        Path path = dir.resolve("rocksdb");
        write(path, false);
        Path wal = largest(path, ".log");
        garble(wal, Files.size(wal) * percent / 100);

        assertThatThrownBy(() -> RocksStore.open(path, FsyncMode.ALWAYS))
                .isInstanceOf(StoreDamagedException.class)
                .hasMessageContaining("is damaged")
                .hasMessageContaining("checksum mismatch");

        RocksRepair.Report report = RocksRepair.repair(path, Clock.systemUTC());
        assertThat(report.changed()).isTrue();
        assertThat(report.copy()).isDirectory();
        assertThat(report.describe()).contains("write-ahead log " + wal.getFileName()).contains(says).contains(alsoSays);
        List<String> keys = keys(path);
        assertThat(keys).hasSizeBetween(RECORDS / 10, RECORDS - 1);
        System.out.println(report.describe());
        // a consistent point in time: exactly the first N writes, no holes
        assertThat(keys).isEqualTo(expectedKeys(keys.size()));
        assertThat(RocksRepair.repair(path, Clock.systemUTC()).changed()).isFalse();
    }

    @Test
    void aGarbledTableFileIsRefusedAndRepairDropsItsKeyRange() throws IOException {
        Path path = dir.resolve("rocksdb");
        write(path, true);
        Path table = largest(path, ".sst");
        garble(table, Files.size(table) * 30 / 100);

        assertThatThrownBy(() -> RocksStore.open(path, FsyncMode.ALWAYS))
                .isInstanceOf(StoreDamagedException.class)
                .hasMessageContaining(table.getFileName().toString());

        RocksRepair.Report report = RocksRepair.repair(path, Clock.systemUTC());
        assertThat(report.describe()).contains("table file " + table.getFileName())
                .contains("key space records").contains("\"k00000\"").contains("\"k00249\"");
        assertThat(keys(path)).isEmpty();
    }

    @Test
    void aWriteCutShortAtTheEndOfTheLogIsTolerated() throws IOException {
        Path path = dir.resolve("rocksdb");
        write(path, false);
        Path wal = largest(path, ".log");
        byte[] bytes = Files.readAllBytes(wal);
        Files.write(wal, Arrays.copyOf(bytes, bytes.length - 50)); // the last record half written, as in a crash
        assertThat(keys(path)).isEqualTo(expectedKeys(RECORDS - 1));
    }

    @Test
    void corruptionMetAtRunTimeFailsTheStore() throws IOException {
        Path path = dir.resolve("rocksdb");
        write(path, true);
        try (RocksStore store = RocksStore.open(path, FsyncMode.ALWAYS)) {
            KeySpace records = store.keySpace("records");
            Path table = largest(path, ".sst");
            garble(table, Files.size(table) * 30 / 100);
            assertThatThrownBy(() -> store.scan(records, new byte[0], (k, v) -> { }))
                    .isInstanceOf(StorageException.class);
            assertThat(store.failure()).startsWith("store failed: corruption:");
            assertThatThrownBy(() -> store.commit(new WriteBatch().put(records, b("x"), b("y"))))
                    .hasMessageStartingWith("store failed: corruption:");
        }
    }

    @Test
    void aSecondOpenOfTheSameStoreSaysItIsInUse() {
        Path path = dir.resolve("rocksdb");
        try (RocksStore first = RocksStore.open(path, FsyncMode.ALWAYS)) {
            assertThatThrownBy(() -> RocksStore.open(path, FsyncMode.ALWAYS))
                    .isInstanceOf(StoreLockedException.class)
                    .hasMessageStartingWith("another process is using the store in " + path.toAbsolutePath());
        }
    }

    @Test
    void everyFileIsOwnerOnlyWhateverTheUmask() throws IOException {
        Path path = dir.resolve("rocksdb");
        write(path, true);
        try (RocksStore store = RocksStore.open(path, FsyncMode.ALWAYS)) {
            store.commit(new WriteBatch().put(store.keySpace("more"), b("a"), b("b")));
            store.compact();
            assertOwnerOnly(path);
        }
        assertOwnerOnly(path);
    }

    @Test
    void theStoreIdentityIsKeptInTheStore() {
        Path path = dir.resolve("rocksdb");
        try (RocksStore store = RocksStore.open(path, FsyncMode.ALWAYS)) {
            assertThat(store.storeId()).isNull();
            store.recordStoreId("id-1");
        }
        try (RocksStore store = RocksStore.open(path, FsyncMode.ALWAYS)) {
            assertThat(store.storeId()).isEqualTo("id-1");
        }
    }

    private static void assertOwnerOnly(Path path) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rwx------");
        List<Path> files;
        try (var list = Files.list(path)) {
            files = list.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(f -> f.getFileName() + " " + perms(f))
                .allSatisfy(line -> assertThat(line).endsWith(" rw-------"));
        assertThat(files).anyMatch(f -> f.toString().endsWith(".sst"));
    }

    private static String perms(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            return "gone";
        }
    }

    /** 250 synced single-record writes; with {@code toTables}, compacted into table files (the WAL then retires). */
    private static void write(Path path, boolean toTables) {
        try (RocksStore store = RocksStore.open(path, FsyncMode.ALWAYS)) {
            KeySpace records = store.keySpace("records");
            for (int i = 0; i < RECORDS; i++) {
                store.commit(new WriteBatch().put(records, b(key(i)), b("value-" + i + "-".repeat(200))));
            }
            if (toTables) {
                store.compact();
            }
        }
    }

    private static List<String> keys(Path path) {
        List<String> keys = new ArrayList<>();
        try (RocksStore store = RocksStore.open(path, FsyncMode.ALWAYS)) {
            store.scan(store.keySpace("records"), new byte[0], (k, v) -> keys.add(new String(k, StandardCharsets.UTF_8)));
        }
        return keys;
    }

    private static List<String> expectedKeys(int count) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(key(i));
        }
        return keys;
    }

    private static String key(int i) {
        return String.format("k%05d", i);
    }

    private static Path largest(Path path, String suffix) throws IOException {
        try (var files = Files.list(path)) {
            return files.filter(f -> f.toString().endsWith(suffix))
                    .max((a, c) -> Long.compare(a.toFile().length(), c.toFile().length())).orElseThrow();
        }
    }

    private static void garble(Path file, long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < 16; i++) {
            bytes[(int) offset + i] ^= 0x5a;
        }
        Files.write(file, bytes);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
