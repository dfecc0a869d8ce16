package io.wharf.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract every {@link Store} keeps; each implementation runs this suite. */
abstract class StoreConformanceTest {
    protected Store store;
    protected KeySpace space;

    protected abstract Store newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
        space = store.keySpace("test.things");
    }

    @AfterEach
    void close() {
        store.close();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    protected List<String> keys(KeySpace in, String prefix) {
        List<String> keys = new ArrayList<>();
        store.scan(in, b(prefix), (k, v) -> keys.add(s(k)));
        return keys;
    }

    @Test
    void putGetDelete() {
        store.commit(new WriteBatch().put(space, b("a"), b("1")).put(space, b("b"), b("2")));
        assertThat(s(store.get(space, b("a")))).isEqualTo("1");
        store.commit(new WriteBatch().delete(space, b("a")).put(space, b("b"), b("3")));
        assertThat(store.get(space, b("a"))).isNull();
        assertThat(s(store.get(space, b("b")))).isEqualTo("3");
        assertThat(store.get(space, b("never"))).isNull();
    }

    @Test
    void scanVisitsOnlyThePrefixInUnsignedOrder() {
        WriteBatch batch = new WriteBatch();
        for (String k : List.of("q1/b", "q1/a", "q2/a", "q1/c", "q0/z")) {
            batch.put(space, b(k), b("v"));
        }
        batch.put(space, new byte[] {'q', '1', '/', (byte) 0xFF}, b("high"));
        store.commit(batch);
        List<byte[]> raw = new ArrayList<>();
        store.scan(space, b("q1/"), (k, v) -> raw.add(k));
        assertThat(raw).hasSize(4);
        assertThat(s(raw.get(0))).isEqualTo("q1/a");
        assertThat(raw.get(3)[3]).isEqualTo((byte) 0xFF);
        assertThat(keys(space, "")).hasSize(6);
        assertThat(keys(space, "nothing")).isEmpty();
    }

    @Test
    void rangeScanVisitsTheHalfOpenIntervalInUnsignedOrderUntilTheVisitorStops() {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < 10; i++) {
            batch.put(space, b("k" + i), b("v" + i));
        }
        batch.put(space, new byte[] {'k', (byte) 0x80}, b("high"));
        batch.put(space, b("j9"), b("below")).put(space, b("l0"), b("above"));
        store.commit(batch);
        store.commit(new WriteBatch().delete(space, b("k4")));
        List<String> seen = new ArrayList<>();
        store.scan(space, b("k2"), b("k7"), (k, v) -> seen.add(s(k) + "=" + s(v)));
        assertThat(seen).containsExactly("k2=v2", "k3=v3", "k5=v5", "k6=v6");

        List<byte[]> all = new ArrayList<>();
        store.scan(space, b("k"), b("l"), (k, v) -> all.add(k));
        assertThat(all).hasSize(10);
        assertThat(all.get(9)[1]).isEqualTo((byte) 0x80);

        List<String> firstTwo = new ArrayList<>();
        store.scan(space, b("k"), b("l"), (k, v) -> {
            firstTwo.add(s(k));
            return firstTwo.size() < 2;
        });
        assertThat(firstTwo).containsExactly("k0", "k1");

        List<String> none = new ArrayList<>();
        store.scan(space, b("k7"), b("k2"), (k, v) -> none.add(s(k)));
        store.scan(space, b("k3"), b("k3"), (k, v) -> none.add(s(k)));
        assertThat(none).isEmpty();
    }

    @Test
    void deleteRangeRemovesHalfOpenInterval() {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < 10; i++) {
            batch.put(space, b("k" + i), b("v"));
        }
        store.commit(batch);
        store.commit(new WriteBatch().deleteRange(space, b("k2"), b("k5")));
        assertThat(keys(space, "k")).containsExactly("k0", "k1", "k5", "k6", "k7", "k8", "k9");
    }

    @Test
    void keySpacesAreIsolated() {
        KeySpace other = store.keySpace("test.other");
        store.commit(new WriteBatch().put(space, b("x"), b("1")).put(other, b("x"), b("2")));
        assertThat(s(store.get(space, b("x")))).isEqualTo("1");
        assertThat(s(store.get(other, b("x")))).isEqualTo("2");
        store.commit(new WriteBatch().delete(other, b("x")));
        assertThat(s(store.get(space, b("x")))).isEqualTo("1");
    }

    @Test
    void unknownKeySpaceFailsWithoutApplyingTheBatch() {
        WriteBatch batch = new WriteBatch().put(space, b("partial"), b("1"))
                .put(new KeySpace("never.created"), b("x"), b("y"));
        assertThatThrownBy(() -> store.commit(batch)).isInstanceOf(StorageException.class);
        assertThat(store.get(space, b("partial"))).isNull();
    }

    @Test
    void valuesAreCopiesNotViews() {
        byte[] value = b("abc");
        store.commit(new WriteBatch().put(space, b("k"), value));
        value[0] = 'z';
        assertThat(s(store.get(space, b("k")))).isEqualTo("abc");
    }

    @Test
    void concurrentCommitsAllLand() throws Exception {
        int threads = 16;
        int perThread = 200;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    store.commit(new WriteBatch().put(space, b(String.format("t%02d/%04d", id, i)), b("v")));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(keys(space, "t")).hasSize(threads * perThread);
    }

    @Test
    void awaitingACommitMakesItsBatchVisible() {
        Commit first = store.submit(new WriteBatch().put(space, b("a"), b("1")));
        Commit second = store.submit(new WriteBatch().put(space, b("a"), b("2")).put(space, b("b"), b("2")));
        second.await();
        assertThat(s(store.get(space, b("a")))).isEqualTo("2"); // submission order decides the last write
        first.await(); // an earlier commit is done by now, and awaiting it twice is harmless
        second.await();
        assertThat(s(store.get(space, b("b")))).isEqualTo("2");
    }

    @Test
    void anEmptyBatchIsABarrierForEverythingSubmittedBefore() {
        for (int i = 0; i < 50; i++) {
            store.submit(new WriteBatch().put(space, b(String.format("k%02d", i)), b("v")));
        }
        store.submit(new WriteBatch()).await();
        assertThat(keys(space, "k")).hasSize(50);
    }

    /**
     * Batches become durable in submission order: whoever awaits a commit finds every batch submitted
     * before it (visibility standing in for durability, which only a crash test can show). The lock only
     * makes the submission order known to the test; the awaits run outside it, as the engine's do.
     */
    @Test
    void awaitingACommitProvesEveryEarlierSubmissionDone() throws Exception {
        int threads = 16;
        int perThread = 100;
        Object order = new Object();
        long[] submitted = {0};
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        long mine;
                        Commit commit;
                        synchronized (order) {
                            mine = submitted[0]++;
                            commit = store.submit(new WriteBatch().put(space, b(String.format("s%06d", mine)), b("v")));
                        }
                        commit.await();
                        for (long earlier = Math.max(0, mine - 20); earlier <= mine; earlier++) {
                            assertThat(store.get(space, b(String.format("s%06d", earlier))))
                                    .as("batch %d, submitted before the awaited %d", earlier, mine).isNotNull();
                        }
                        assertThat(store.get(space, b(String.format("s%06d", mine / 2)))).isNotNull();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        }
        assertThat(keys(space, "s")).hasSize(threads * perThread);
    }

    @Test
    void aRefusedSubmitAppliesNothingAndLeavesTheStoreWorking() {
        WriteBatch bad = new WriteBatch().put(space, b("x"), b("1")).put(new KeySpace("never.created"), b("x"), b("y"));
        assertThatThrownBy(() -> store.submit(bad)).isInstanceOf(StorageException.class);
        store.submit(new WriteBatch().put(space, b("y"), b("1"))).await();
        assertThat(store.get(space, b("x"))).isNull();
        assertThat(s(store.get(space, b("y")))).isEqualTo("1");
    }

    @Test
    void closedStoreRefusesWork() {
        store.close();
        assertThatThrownBy(() -> store.commit(new WriteBatch().put(space, b("a"), b("b"))))
                .isInstanceOf(StorageException.class);
        store = newStoreQuietly();
    }

    private Store newStoreQuietly() {
        try {
            return newStore();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
