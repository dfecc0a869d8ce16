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
}
