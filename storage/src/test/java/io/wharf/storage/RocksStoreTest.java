package io.wharf.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RocksStoreTest extends StoreConformanceTest {
    @TempDir
    Path dir;
    private final AtomicInteger opened = new AtomicInteger();

    @Override
    protected Store newStore() {
        return RocksStore.open(dir.resolve("db" + opened.getAndIncrement()), FsyncMode.ALWAYS);
    }

    @Test
    void dataSurvivesReopen() {
        Path path = dir.resolve("reopen");
        try (RocksStore first = RocksStore.open(path, FsyncMode.ALWAYS)) {
            KeySpace a = first.keySpace("sqs.queues");
            first.commit(new WriteBatch().put(a, b("q"), b("attrs")));
        }
        try (RocksStore second = RocksStore.open(path, FsyncMode.NEVER)) {
            KeySpace a = second.keySpace("sqs.queues");
            assertThat(s(second.get(a, b("q")))).isEqualTo("attrs");
            second.commit(new WriteBatch().put(a, b("r"), b("more")));
        }
        try (RocksStore third = RocksStore.open(path, FsyncMode.ALWAYS)) {
            assertThat(s(third.get(third.keySpace("sqs.queues"), b("r")))).isEqualTo("more");
        }
    }

    @Test
    void deletedDataLeavesTheDiskAfterCompaction() {
        Path path = dir.resolve("space");
        try (RocksStore rocks = RocksStore.open(path, FsyncMode.NEVER)) {
            KeySpace messages = rocks.keySpace("sqs.messages");
            byte[] value = new byte[1024];
            for (int batch = 0; batch < 20; batch++) {
                WriteBatch write = new WriteBatch();
                for (int i = 0; i < 500; i++) {
                    write.put(messages, b(String.format("m%06d", batch * 500 + i)), value);
                }
                rocks.commit(write);
            }
            rocks.compact();
            long full = rocks.sizeOnDisk();
            rocks.commit(new WriteBatch().deleteRange(messages, b("m"), b("n")));
            rocks.compact();
            java.util.List<String> left = new java.util.ArrayList<>();
            rocks.scan(messages, b("m"), (k, v) -> left.add(s(k)));
            assertThat(left).isEmpty();
            assertThat(rocks.sizeOnDisk()).isLessThan(full);
        }
    }

    @Test
    void openingAFileInsteadOfADirectoryFailsClearly() throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> RocksStore.open(file, FsyncMode.ALWAYS))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("not-a-dir");
    }
}
