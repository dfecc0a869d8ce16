package io.wharf.storage.crypto;

import io.wharf.storage.KeySpace;
import io.wharf.storage.MemoryStore;
import io.wharf.storage.WriteBatch;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredSecretTest {
    private static final byte[] WRAPPED = "s-wrapped".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PLAIN = "s".getBytes(StandardCharsets.UTF_8);

    private final MemoryStore store = new MemoryStore();
    private final KeySpace space = store.keySpace("test.meta");
    private final MasterKey master = MasterKey.of(new byte[32]);
    private final AtomicInteger made = new AtomicInteger();

    private byte[] fresh() {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) (10 + made.incrementAndGet()));
        return secret;
    }

    private byte[] load(MasterKey key) {
        return StoredSecret.loadOrCreate(store, space, WRAPPED, PLAIN, key, "test secret", this::fresh);
    }

    @Test
    void madeOnceThenReadBackWrapped() {
        byte[] first = load(master);
        assertThat(load(master)).isEqualTo(first);
        assertThat(made).hasValue(1);
        byte[] stored = store.get(space, WRAPPED);
        assertThat(Arrays.equals(stored, 13, 45, first, 0, 32)).isFalse();
        assertThat(master.unwrap(stored, "test secret")).isEqualTo(first);
        assertThatThrownBy(() -> master.unwrap(stored, "another secret")).isInstanceOf(MasterKey.WrongKeyException.class);
    }

    @Test
    void aPlainSecretIsWrappedAndItsPlainRecordDeleted() {
        byte[] plain = fresh();
        store.commit(new WriteBatch().put(space, PLAIN, plain));
        assertThat(load(master)).isEqualTo(plain);
        assertThat(store.get(space, PLAIN)).isNull();
        assertThat(master.unwrap(store.get(space, WRAPPED), "test secret")).isEqualTo(plain);
        assertThat(made).hasValue(1); // only the one this test wrote
    }

    @Test
    void anotherMasterKeyStopsInsteadOfReplacingTheSecret() {
        byte[] first = load(master);
        assertThatThrownBy(() -> load(MasterKey.ephemeral())).isInstanceOf(MasterKey.WrongKeyException.class);
        assertThat(load(master)).isEqualTo(first);
    }
}
