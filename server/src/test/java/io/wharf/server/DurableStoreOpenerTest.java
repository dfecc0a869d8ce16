package io.wharf.server;

import io.wharf.storage.FsyncMode;
import io.wharf.storage.KeySpace;
import io.wharf.storage.RocksStore;
import io.wharf.storage.RocksTuning;
import io.wharf.storage.WriteBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurableStoreOpenerTest {
    @TempDir
    Path dataDir;

    private RocksStore open(boolean repair) {
        return DurableStoreOpener.open(dataDir, FsyncMode.ALWAYS, RocksTuning.DEFAULTS, repair, Clock.systemUTC());
    }

    @Test
    void aFirstStartMarksTheDirectoryAndLaterStartsFindTheSameStore() {
        try (RocksStore store = open(false)) {
            assertThat(store.storeId()).isNotNull().isEqualTo(StoreMarker.read(dataDir).storeId());
        }
        try (RocksStore store = open(false)) {
            assertThat(store.storeId()).isEqualTo(StoreMarker.read(dataDir).storeId());
        }
    }

    @Test
    void aStoreThatWentMissingIsRefusedAndRepairStartsOverEmpty() throws IOException {
        String first;
        try (RocksStore store = open(false)) {
            first = store.storeId();
        }
        deleteTree(dataDir.resolve("rocksdb"));
        assertThatThrownBy(() -> open(false))
                .isInstanceOf(StoreRefusedException.class)
                .hasMessage("the store in " + dataDir.resolve("rocksdb").toAbsolutePath() + " is gone, but "
                        + dataDir.resolve("wharf-store") + " says store " + first + " (created "
                        + StoreMarker.read(dataDir).created() + ") lived there; restore it from a backup, or start "
                        + "with --repair to begin again with an empty store");
        assertThat(dataDir.resolve("rocksdb")).doesNotExist(); // refused before anything was created
        try (RocksStore store = open(true)) {
            assertThat(store.storeId()).isNotEqualTo(first).isEqualTo(StoreMarker.read(dataDir).storeId());
        }
    }

    @Test
    void anotherStoreIsRefused() throws IOException {
        try (RocksStore store = open(false)) {
            assertThat(store.storeId()).isNotNull();
        }
        Path elsewhere = dataDir.resolve("elsewhere");
        try (RocksStore other = DurableStoreOpener.open(elsewhere, FsyncMode.ALWAYS, RocksTuning.DEFAULTS, false, Clock.systemUTC())) {
            assertThat(other.storeId()).isNotNull();
        }
        deleteTree(dataDir.resolve("rocksdb"));
        Files.move(elsewhere.resolve("rocksdb"), dataDir.resolve("rocksdb"));
        assertThatThrownBy(() -> open(false))
                .isInstanceOf(StoreRefusedException.class)
                .hasMessageContaining("is not the one this data directory had")
                .hasMessageContaining("delete " + dataDir.resolve("wharf-store") + " to adopt this one");
    }

    @Test
    void aStoreFromBeforeTheMarkerIsAdopted() {
        try (RocksStore old = RocksStore.open(dataDir.resolve("rocksdb"), FsyncMode.ALWAYS)) {
            KeySpace space = old.keySpace("sqs.queues");
            old.commit(new WriteBatch().put(space, "q".getBytes(StandardCharsets.UTF_8), new byte[]{1}));
        }
        try (RocksStore store = open(false)) {
            assertThat(store.storeId()).isEqualTo(StoreMarker.read(dataDir).storeId());
            assertThat(store.get(store.keySpace("sqs.queues"), "q".getBytes(StandardCharsets.UTF_8))).isNotNull();
        }
    }

    @Test
    void aSecondServerOnTheSameDirectoryIsToldWhoHasIt() {
        try (RocksStore first = open(false)) {
            assertThatThrownBy(() -> open(false))
                    .isInstanceOf(StoreRefusedException.class)
                    .hasMessage("another Wharf is using " + dataDir.toAbsolutePath().normalize());
        }
    }

    @Test
    void aDamagedStoreIsRefusedUntilRepaired() throws IOException {
        try (RocksStore store = open(false)) {
            KeySpace space = store.keySpace("sqs.bodies");
            for (int i = 0; i < 200; i++) {
                store.commit(new WriteBatch().put(space, ("m" + i).getBytes(StandardCharsets.UTF_8), new byte[300]));
            }
        }
        Path wal;
        try (var files = Files.list(dataDir.resolve("rocksdb"))) {
            wal = files.filter(f -> f.toString().endsWith(".log")).max(Comparator.comparing(f -> f.toFile().length()))
                    .orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(wal);
        for (int i = 0; i < 16; i++) {
            bytes[bytes.length / 3 + i] ^= 0x5a;
        }
        Files.write(wal, bytes);
        assertThatThrownBy(() -> open(false))
                .isInstanceOf(StoreRefusedException.class)
                .hasMessageContaining("is damaged: checksum mismatch; nothing was changed — start with --repair")
                .hasMessageNotContaining("\n");
        try (RocksStore store = open(true)) {
            int[] left = {0};
            store.scan(store.keySpace("sqs.bodies"), new byte[0], (k, v) -> left[0]++);
            assertThat(left[0]).isBetween(1, 199);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        try (var files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
