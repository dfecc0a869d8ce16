package io.wharf.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
        assertThat(writtenWalCapAndMemtableBudget(path)).containsExactly(64L << 20, 256L << 20);
    }

    @Test
    void runsWithTheWalCapAndMemtableBudgetItIsGiven() throws org.rocksdb.RocksDBException {
        Path path = dir.resolve("tuned");
        try (RocksStore rocks = RocksStore.open(path, FsyncMode.ALWAYS, new RocksTuning(16L << 20, 48L << 20))) {
            rocks.keySpace("sqs.messages");
        }
        assertThat(writtenWalCapAndMemtableBudget(path)).containsExactly(16L << 20, 48L << 20);
        // the next open with the defaults takes them again: nothing of a tuning sticks to the store
        try (RocksStore rocks = RocksStore.open(path, FsyncMode.ALWAYS)) {
            assertThat(rocks.keySpace("sqs.messages")).isNotNull();
        }
        assertThat(writtenWalCapAndMemtableBudget(path)).containsExactly(64L << 20, 256L << 20);
    }

    @Test
    void aTuningOutsideItsBoundsIsRefused() {
        assertThatThrownBy(() -> new RocksTuning((16L << 20) - 1, 256L << 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("walBytes");
        assertThatThrownBy(() -> new RocksTuning(64L << 20, (64L << 30) + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memtableBytes");
        assertThat(new RocksTuning(16L << 20, 64L << 30).memtableBytes()).isEqualTo(64L << 30);
    }

    /** {@code max_total_wal_size} and {@code db_write_buffer_size} as RocksDB wrote them at its last open. */
    private static long[] writtenWalCapAndMemtableBudget(Path path) throws org.rocksdb.RocksDBException {
        java.util.List<org.rocksdb.ColumnFamilyDescriptor> families = new java.util.ArrayList<>();
        try (org.rocksdb.ConfigOptions config = new org.rocksdb.ConfigOptions();
             org.rocksdb.DBOptions written = new org.rocksdb.DBOptions()) {
            org.rocksdb.OptionsUtil.loadLatestOptions(config, path.toString(), written, families);
            return new long[]{written.maxTotalWalSize(), written.dbWriteBufferSize()};
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
            // the compacted tables are deleted in the background, a chunk at a time
            eventually(() -> rocks.sizeOnDisk() < full, "the store to shrink below " + full + " bytes");
        }
    }

    @Test
    void anObsoleteLogLeavesTheDiskAChunkAtATime() throws Exception {
        Path path = dir.resolve("chunks");
        long pace = 2L << 20; // bytes a second, slow enough to watch the file shrink
        try (RocksStore rocks = RocksStore.open(path, FsyncMode.NEVER, null, pace)) {
            KeySpace messages = rocks.keySpace("sqs.messages");
            byte[] value = new byte[64 * 1024];
            for (int i = 0; i < 96; i++) {
                rocks.commit(new WriteBatch().put(messages, b("m" + i), value));
            }
            Path log;
            try (var files = Files.list(path)) {
                log = files.filter(f -> f.getFileName().toString().endsWith(".log")).findFirst().orElseThrow();
            }
            long written = Files.size(log);
            assertThat(written).isGreaterThan(6L << 20);
            Path trash = path.resolve(log.getFileName() + ".trash");

            rocks.compact(); // flushes the memtable first: nothing in the log is needed any more

            java.util.SortedSet<Long> sizes = new java.util.TreeSet<>();
            eventually(() -> {
                try {
                    sizes.add(Files.size(trash));
                } catch (java.nio.file.NoSuchFileException notYetOrGone) {
                    // renamed a moment later, or already unlinked
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return !Files.exists(log) && !Files.exists(trash);
            }, "the old log to leave the disk");
            // cut from the end, 1 MiB at a time: each size seen is the written one less whole chunks (the whole file
            // too, if seen between its rename and the first cut)
            assertThat(sizes).allSatisfy(size -> assertThat((written - size) % RocksStore.DELETE_CHUNK_BYTES).isZero());
            assertThat(sizes.headSet(written)).as("sizes seen while it was being cut").hasSizeGreaterThanOrEqualTo(3);
            assertThat(rocks.get(messages, b("m95"))).hasSize(value.length);
        }
    }

    @Test
    void trashLeftBehindByACrashIsDeletedAtOpen() throws Exception {
        Path path = dir.resolve("leftovers");
        try (RocksStore rocks = RocksStore.open(path, FsyncMode.ALWAYS)) {
            rocks.commit(new WriteBatch().put(rocks.keySpace("sqs.queues"), b("q"), b("attrs")));
        }
        // what a kill -9 in the middle of deleting leaves: files renamed for deletion, some cut short
        Path log = Files.write(path.resolve("000007.log.trash"), new byte[3 << 20]);
        Path table = Files.write(path.resolve("000008.sst.trash"), new byte[1 << 20]);
        try (RocksStore rocks = RocksStore.open(path, FsyncMode.ALWAYS)) {
            eventually(() -> !Files.exists(log) && !Files.exists(table), "the leftover trash to be deleted");
            assertThat(s(rocks.get(rocks.keySpace("sqs.queues"), b("q")))).isEqualTo("attrs");
        }
    }

    private static void eventually(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s for " + what).isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
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
