package io.wharf.protocol.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataKeyRingTest {
    private static final byte[] MARKER = "marker-4711".getBytes(StandardCharsets.UTF_8);

    private final FakeDataKeys kms = new FakeDataKeys();
    private final Map<Long, byte[]> saved = new HashMap<>();
    private final DataKeyRing.KeyStore store = new DataKeyRing.KeyStore() {
        @Override
        public void save(long ref, byte[] wrapped) {
            saved.put(ref, wrapped);
        }

        @Override
        public byte[] load(long ref) {
            return saved.get(ref);
        }
    };

    private DataKeyRing.Scope scope(String keyId, long reuseMillis) {
        return new DataKeyRing.Scope("000000000000", false, keyId, Map.of("aws:sqs:arn", "arn:q"), reuseMillis);
    }

    @Test
    void sealsWithoutThePlaintextAndOpensAgain() throws Exception {
        kms.create("k1");
        DataKeyRing ring = new DataKeyRing(kms, DataKeys.NONE, store);
        byte[] sealed = ring.current("q", scope("k1", 60_000), 0).seal(MARKER);

        assertThat(DataKeyRing.isSealed(sealed)).isTrue();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("marker-4711");
        assertThat(ring.open(sealed, 1)).isEqualTo(MARKER);
        assertThat(DataKeyRing.isSealed(new byte[]{2, 0})).isFalse();
    }

    @Test
    void oneDataKeyPerReusePeriodAndOneWrappedKeyStored() throws Exception {
        kms.create("k1");
        DataKeyRing ring = new DataKeyRing(kms, DataKeys.NONE, store);
        for (int i = 0; i < 100; i++) {
            ring.current("q", scope("k1", 60_000), i * 100L).seal(MARKER);
        }
        assertThat(kms.generated).hasValue(1);
        assertThat(saved).hasSize(1);

        ring.current("q", scope("k1", 60_000), 60_000).seal(MARKER);
        assertThat(kms.generated).hasValue(2);
        ring.current("q", scope("k1", 120_000), 60_001); // another period is another scope
        assertThat(kms.generated).hasValue(3);
    }

    @Test
    void aNewRingUnwrapsThroughKmsOncePerDataKeyAndFailsWhileTheKeyIsDisabled() throws Exception {
        kms.create("k1");
        byte[] sealed = new DataKeyRing(kms, DataKeys.NONE, store).current("q", scope("k1", 60_000), 0).seal(MARKER);
        DataKeyRing restarted = new DataKeyRing(kms, DataKeys.NONE, store);

        kms.refuse("k1", KmsFailure.Kind.DISABLED);
        assertThatThrownBy(() -> restarted.open(sealed, 0)).isInstanceOfSatisfying(KmsFailure.class,
                f -> assertThat(f.kind()).isEqualTo(KmsFailure.Kind.DISABLED));
        assertThatThrownBy(() -> restarted.current("q", scope("k1", 60_000), 0)).isInstanceOf(KmsFailure.class);

        kms.refuse("k1", null);
        assertThat(restarted.open(sealed, 0)).isEqualTo(MARKER);
        assertThat(restarted.open(sealed, 1)).isEqualTo(MARKER);
        assertThat(kms.decrypted).hasValue(1);
    }

    @Test
    void aDamagedValueIsRefused() throws Exception {
        kms.create("k1");
        DataKeyRing ring = new DataKeyRing(kms, DataKeys.NONE, store);
        byte[] sealed = ring.current("q", scope("k1", 60_000), 0).seal(MARKER);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> ring.open(sealed, 0)).isInstanceOf(IllegalStateException.class);
        // the cipher that refused it is not reused half-initialised: what follows seals and opens as before
        byte[] next = ring.current("q", scope("k1", 60_000), 1).seal(MARKER);
        assertThat(ring.open(next, 1)).isEqualTo(MARKER);
        assertThatThrownBy(() -> ring.open(sealed, 2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void manyThreadsSealAndOpenUnderOneKeyWithReusedCiphers() throws Exception {
        kms.create("k1");
        DataKeyRing ring = new DataKeyRing(kms, DataKeys.NONE, store);
        DataKeyRing.Key key = ring.current("q", scope("k1", 60_000), 0);
        java.util.Set<String> nonces = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(16)) {
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        byte[] plaintext = ("t" + thread + "-m" + i).getBytes(StandardCharsets.UTF_8);
                        byte[] sealed = key.seal(plaintext);
                        nonces.add(java.util.HexFormat.of().formatHex(sealed, 10, 22));
                        assertThat(ring.open(sealed, 1)).isEqualTo(plaintext);
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        }
        assertThat(nonces).hasSize(16 * 500); // a fresh nonce for every value, whichever cipher sealed it
    }

    @Test
    void noncesAreTheKeysFixedFieldAndACounterAndAKeyIsRetiredBeforeItCouldWrap() throws Exception {
        kms.create("k1");
        DataKeyRing ring = new DataKeyRing(kms, DataKeys.NONE, store, 3);
        DataKeyRing.Key key = ring.current("q", scope("k1", 60_000), 0);
        java.nio.ByteBuffer first = java.nio.ByteBuffer.wrap(key.seal(MARKER), 10, 12);
        java.nio.ByteBuffer second = java.nio.ByteBuffer.wrap(key.seal(MARKER), 10, 12);
        int fixed = first.getInt();
        assertThat(first.getLong()).isZero();
        assertThat(second.getInt()).isEqualTo(fixed);
        assertThat(second.getLong()).isEqualTo(1);

        assertThat(ring.current("q", scope("k1", 60_000), 1)).isSameAs(key);
        byte[] third = key.seal(MARKER);
        DataKeyRing.Key next = ring.current("q", scope("k1", 60_000), 2); // three sealed: the period is not over
        assertThat(next).isNotSameAs(key);
        assertThat(kms.generated).hasValue(2);
        assertThat(java.nio.ByteBuffer.wrap(next.seal(MARKER), 14, 8).getLong()).isZero();
        assertThat(ring.open(third, 3)).isEqualTo(MARKER); // what the retired key sealed still opens
    }

    @Test
    void theManagedKeysAreUsedForManagedScopes() throws Exception {
        FakeDataKeys managed = new FakeDataKeys();
        managed.create("sse");
        DataKeyRing ring = new DataKeyRing(DataKeys.NONE, managed, store);
        DataKeyRing.Scope scope = new DataKeyRing.Scope("000000000000", true, "sse", Map.of(), 60_000);
        byte[] sealed = ring.current("q", scope, 0).seal(MARKER);
        assertThat(new DataKeyRing(DataKeys.NONE, managed, store).open(sealed, 0)).isEqualTo(MARKER);
        assertThat(managed.generated).hasValue(1);
    }
}
