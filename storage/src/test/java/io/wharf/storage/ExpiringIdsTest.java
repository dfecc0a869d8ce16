package io.wharf.storage;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiringIdsTest {
    /** What an id stands for here: a number and its expiry. */
    record Seen(long number, long expiresAtMillis) {
    }

    private static final ExpiringIds.Codec<Seen> CODEC = new ExpiringIds.Codec<>() {
        @Override
        public byte[] encode(Seen value) {
            return ByteBuffer.allocate(16).putLong(value.number()).putLong(value.expiresAtMillis()).array();
        }

        @Override
        public Seen decode(byte[] stored) {
            ByteBuffer b = ByteBuffer.wrap(stored);
            return new Seen(b.getLong(), b.getLong());
        }

        @Override
        public long expiresAtMillis(Seen value) {
            return value.expiresAtMillis();
        }
    };

    private final MemoryStore store = new MemoryStore();
    private final KeySpace ids = store.keySpace("t.ids");
    private final KeySpace expiry = store.keySpace("t.expiry");

    private ExpiringIds<Seen> owner(int n) {
        return new ExpiringIds<>(store, ids, expiry, new byte[] {0, (byte) n}, CODEC);
    }

    private int count(KeySpace space) {
        int[] n = {0};
        store.scan(space, new byte[0], (k, v) -> n[0]++);
        return n[0];
    }

    /** One write of {@code id}, awaited and settled as a writer does it. */
    private void remember(ExpiringIds<Seen> owner, String id, Seen seen) {
        WriteBatch batch = new WriteBatch();
        owner.remember(id, seen, batch);
        store.commit(batch);
        owner.settled(List.of(id), List.of(seen));
    }

    private void expire(ExpiringIds<Seen> owner, long now) {
        WriteBatch batch = new WriteBatch();
        owner.expire(now, batch);
        if (!batch.isEmpty()) {
            store.commit(batch);
        }
    }

    @Test
    void anIdIsFoundUntilItExpiresPendingOrStoredAndMemoryKeepsOnlyThePending() {
        ExpiringIds<Seen> a = owner(1);
        WriteBatch batch = new WriteBatch();
        Seen seen = new Seen(7, 1_000);
        a.remember("x", seen, batch);
        assertThat(a.find("x", 0)).as("pending, not yet in the store").isEqualTo(seen);
        assertThat(a.pendingCount()).isEqualTo(1);
        store.commit(batch);
        a.settled(List.of("x"), List.of(seen));
        assertThat(a.pendingCount()).isZero();
        assertThat(a.find("x", 999)).isEqualTo(seen);
        assertThat(a.find("x", 1_000)).as("expired, though still stored").isNull();
        assertThat(owner(2).find("x", 0)).as("another owner's ids are its own").isNull();
    }

    @Test
    void expiryDeletesTheDueIdsOnlyAndLooksAgainWhenTheNextIsDue() {
        ExpiringIds<Seen> a = owner(1);
        ExpiringIds<Seen> b = owner(2);
        for (int i = 0; i < 10; i++) {
            remember(a, "a" + i, new Seen(i, 100 + i));
            remember(b, "b" + i, new Seen(i, 100 + i));
        }
        expire(a, 104);
        assertThat(count(ids)).isEqualTo(15);
        assertThat(count(expiry)).isEqualTo(15);
        assertThat(a.find("a5", 104)).isNotNull();
        expire(a, 1_000);
        assertThat(count(ids)).as("b's ids are b's").isEqualTo(10);
        expire(b, 1_000);
        assertThat(count(ids)).isZero();
        assertThat(count(expiry)).isZero();
    }

    @Test
    void anIdRememberedAgainAfterItExpiredKeepsItsNewRecordWhenTheOldOneIsSwept() {
        ExpiringIds<Seen> a = owner(1);
        remember(a, "x", new Seen(1, 100));
        assertThat(a.find("x", 150)).isNull();
        Seen again = new Seen(2, 400);
        remember(a, "x", again); // the sweep of the old record did not run in between
        expire(a, 150);
        assertThat(a.find("x", 150)).isEqualTo(again);
        assertThat(count(expiry)).isEqualTo(1);
        expire(a, 400);
        assertThat(count(ids)).isZero();
    }

    @Test
    void recoveryWritesTheExpiryOrderForStoresWithoutItAndDropsWhatExpired() {
        ExpiringIds<Seen> a = owner(1);
        remember(a, "old", new Seen(1, 100));
        remember(a, "young", new Seen(2, 500));
        store.commit(new WriteBatch().deleteRange(expiry, new byte[0], new byte[] {(byte) 0xFF}));

        ExpiringIds<Seen> restarted = owner(1);
        WriteBatch batch = new WriteBatch();
        restarted.recover(200, batch);
        store.commit(batch);

        assertThat(count(ids)).isEqualTo(1);
        assertThat(count(expiry)).isEqualTo(1);
        assertThat(restarted.find("young", 200)).isEqualTo(new Seen(2, 500));
        expire(restarted, 300);
        assertThat(count(ids)).as("not due yet").isEqualTo(1);
        expire(restarted, 500);
        assertThat(count(ids)).isZero();
    }

    @Test
    void deleteAllRemovesOneOwnersIdsAndAPrefixEndsWhereTheNextBegins() {
        ExpiringIds<Seen> a = owner(1);
        ExpiringIds<Seen> b = owner(2);
        remember(a, "x", new Seen(1, 100));
        remember(b, "x", new Seen(2, 100));
        WriteBatch batch = new WriteBatch();
        a.deleteAll(batch);
        store.commit(batch);
        assertThat(a.find("x", 0)).isNull();
        assertThat(b.find("x", 0)).isEqualTo(new Seen(2, 100));
        assertThat(ExpiringIds.after(new byte[] {0, 1})).containsExactly(0, 2);
        assertThat(ExpiringIds.after(new byte[] {0, (byte) 0xFF})).containsExactly(1);
    }
}
