package io.wharf.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultyStoreTest extends StoreConformanceTest {
    @Override
    protected Store newStore() {
        return new FaultyStore(new MemoryStore());
    }

    @Test
    void injectedFailuresApplyNothing() {
        FaultyStore faulty = (FaultyStore) store;
        faulty.failNextCommits(1);
        assertThatThrownBy(() -> store.commit(new WriteBatch().put(space, b("a"), b("1"))))
                .isInstanceOf(StorageException.class);
        assertThat(store.get(space, b("a"))).isNull();
        store.commit(new WriteBatch().put(space, b("a"), b("1")));
        assertThat(s(store.get(space, b("a")))).isEqualTo("1");
        faulty.failAllCommits(true);
        assertThatThrownBy(() -> store.commit(new WriteBatch().put(space, b("b"), b("1"))))
                .isInstanceOf(StorageException.class);
    }

    @Test
    void aFailedAwaitAppliesNothingAndFailsTheStoreUntilReset() {
        FaultyStore faulty = (FaultyStore) store;
        store.commit(new WriteBatch().put(space, b("kept"), b("1")));
        faulty.failNextAwaits(1);
        Commit lost = store.submit(new WriteBatch().put(space, b("lost"), b("1")));
        assertThatThrownBy(lost::await).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> store.submit(new WriteBatch().put(space, b("later"), b("1"))))
                .isInstanceOf(StorageException.class).hasMessageContaining("store failed");
        assertThat(store.get(space, b("lost"))).isNull();
        faulty.reset();
        store.commit(new WriteBatch().put(space, b("later"), b("1")));
        assertThat(keys(space, "")).containsExactly("kept", "later");
    }
}
