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
    void runsWithItsWalCapAndMemtableBudget() throws org.rocksdb.RocksDBException {
        Path path = dir.resolve("options");
        try (RocksStore rocks = RocksStore.open(path, FsyncMode.ALWAYS)) {
            rocks.keySpace("sqs.messages");
        }
        // the options RocksDB wrote at its last open, read back by RocksDB's own loader
        java.util.List<org.rocksdb.ColumnFamilyDescriptor> families = new java.util.ArrayList<>();
        try (org.rocksdb.ConfigOptions config = new org.rocksdb.ConfigOptions();
             org.rocksdb.DBOptions written = new org.rocksdb.DBOptions()) {
            org.rocksdb.OptionsUtil.loadLatestOptions(config, path.toString(), written, families);
            assertThat(written.maxTotalWalSize()).isEqualTo(512L << 20);
            assertThat(written.dbWriteBufferSize()).isEqualTo(256L << 20);
        } finally {
            families.forEach(f -> f.getOptions().close());
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
    void aFailedFsyncFailsTheStoreUntilItIsReopened() {
        Path path = dir.resolve("fail-stop");
        try (RocksStore rocks = RocksStore.open(path, FsyncMode.ALWAYS)) {
            KeySpace things = rocks.keySpace("test.things");
            rocks.commit(new WriteBatch().put(things, b("before"), b("1")));
            rocks.failNextWrite();
            Commit lost = rocks.submit(new WriteBatch().put(things, b("lost"), b("1")));
            assertThatThrownBy(lost::await).isInstanceOf(StorageException.class).hasMessageContaining("store failed");
            assertThatThrownBy(() -> rocks.submit(new WriteBatch().put(things, b("after"), b("1"))))
                    .isInstanceOf(StorageException.class).hasMessageContaining("store failed");
            assertThatThrownBy(() -> rocks.submit(new WriteBatch()))
                    .as("not even a barrier: nothing submitted later may be taken as durable")
                    .isInstanceOf(StorageException.class);
        }
        try (RocksStore reopened = RocksStore.open(path, FsyncMode.ALWAYS)) {
            KeySpace things = reopened.keySpace("test.things");
            assertThat(s(reopened.get(things, b("before")))).isEqualTo("1");
            assertThat(reopened.get(things, b("lost"))).isNull();
            reopened.commit(new WriteBatch().put(things, b("after"), b("1")));
            assertThat(s(reopened.get(things, b("after")))).isEqualTo("1");
        }
    }

    /** 16 submitters at once must share fsyncs; how much depends on timing, so only "some" is asserted. */
    @Test
    void groupCommitGroupsConcurrentSubmitters() throws Exception {
        try (RocksStore rocks = RocksStore.open(dir.resolve("groups"), FsyncMode.ALWAYS)) {
            KeySpace things = rocks.keySpace("test.things");
            int submitters = 16;
            int perSubmitter = 50;
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                java.util.List<java.util.concurrent.Future<?>> jobs = new java.util.ArrayList<>();
                for (int t = 0; t < submitters; t++) {
                    int id = t;
                    jobs.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < perSubmitter; i++) {
                            rocks.commit(new WriteBatch().put(things, b(id + "/" + i), b("v")));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (var job : jobs) {
                    job.get();
                }
            }
            GroupCommitter committer = rocks.committer();
            assertThat(committer.batchesWritten()).isEqualTo(submitters * perSubmitter);
            assertThat(committer.groupsWritten()).isLessThan(committer.batchesWritten());
            StoreStats stats = committer.stats();
            assertThat(stats.maxWriteNanos()).isPositive().isLessThanOrEqualTo(stats.writeNanos());
            assertThat(stats.maxWriteNanos() * stats.groups()).isGreaterThanOrEqualTo(stats.writeNanos());
            assertThat(stats.slowGroups()).isBetween(0L, stats.groups());
            long[] period = committer.takePeriodMaxima();
            assertThat(period[0]).isPositive().isLessThanOrEqualTo(stats.maxWriteNanos());
            assertThat(period[1]).isPositive();
            assertThat(committer.takePeriodMaxima()).containsExactly(0L, 0L); // a new period: nothing written since
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
