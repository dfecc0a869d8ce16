package io.wharf.kinesis.engine;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.crypto.DataKeyRing;
import io.wharf.protocol.crypto.FakeDataKeys;
import io.wharf.protocol.crypto.KmsFailure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Records of a stream with EncryptionType KMS are sealed at rest (partition key and data) under data keys of
 * the stream's key; records from before StartStreamEncryption stay readable; KMS refusals are Kinesis's KMS*
 * errors.
 */
class EncryptionTest extends EngineFixture {
    private static final String MARKER = "marker-0b7d2a";
    private static final String SHARD = "shardId-000000000000";

    private final FakeDataKeys kms = new FakeDataKeys();

    {
        engine.close();
        engine = newEngine();
    }

    private KinesisEngine newEngine() {
        return new KinesisEngine(store, clock, settings(), io.wharf.storage.crypto.MasterKey.of(new byte[32]), kms);
    }

    @Override
    void restart() {
        engine.close();
        engine = newEngine();
    }

    private List<byte[]> stored() {
        List<byte[]> values = new ArrayList<>();
        store.scan(store.keySpace("kinesis.records"), new byte[0], (k, v) -> values.add(v));
        return values;
    }

    private boolean markerStored() {
        return stored().stream().anyMatch(v -> new String(v, StandardCharsets.ISO_8859_1).contains(MARKER));
    }

    private static AwsException error(Runnable action) {
        AwsException e = catchThrowableOfType(AwsException.class, action::run);
        assertThat(e).as("expected an AWS error").isNotNull();
        return e;
    }

    @Test
    void recordsAreSealedAfterStartStreamEncryptionAndReadAfterARestart() {
        kms.create("k1");
        StreamRef ref = activeStream("s", 1);
        put(ref, "pk-plain", "plain-" + MARKER);
        assertThat(markerStored()).isTrue(); // the check can fail

        engine.startEncryption(ref, "k1");
        settle();
        int before = stored().size();
        put(ref, "pk-" + MARKER, "data-" + MARKER);
        put(ref, "pk-" + MARKER, "data-" + MARKER);
        assertThat(stored()).hasSize(before + 2);
        assertThat(stored().stream().filter(v -> new String(v, StandardCharsets.ISO_8859_1).contains(MARKER)))
                .hasSize(1); // only the plain one from before
        assertThat(kms.generated).hasValue(1);

        restart();
        assertThat(readAll(iterator(ref, SHARD, "TRIM_HORIZON")))
                .containsExactly("plain-" + MARKER, "data-" + MARKER, "data-" + MARKER);
        assertThat(kms.decrypted).hasValue(1);
    }

    @Test
    void startStreamEncryptionChecksTheKeyAtOnce() {
        StreamRef ref = activeStream("s", 1);
        AwsException missing = error(() -> engine.startEncryption(ref, "alias/none"));
        assertThat(missing.code()).isEqualTo("KMSNotFoundException");
        kms.create("k1");
        kms.refuse("k1", KmsFailure.Kind.DISABLED);
        assertThat(error(() -> engine.startEncryption(ref, "k1")).code()).isEqualTo("KMSDisabledException");
    }

    @Test
    void aDisabledKeyFailsWritesAndReadsUntilItIsEnabled() {
        kms.create("k1");
        StreamRef ref = activeStream("s", 1);
        engine.startEncryption(ref, "k1");
        settle();
        put(ref, "pk", "data-" + MARKER);
        kms.refuse("k1", KmsFailure.Kind.DISABLED);
        restart();

        assertThat(error(() -> put(ref, "pk", "more")).code()).isEqualTo("KMSDisabledException");
        String it = iterator(ref, SHARD, "TRIM_HORIZON");
        assertThat(error(() -> engine.records().get(it, 10)).code()).isEqualTo("KMSDisabledException");

        kms.refuse("k1", null);
        assertThat(readAll(iterator(ref, SHARD, "TRIM_HORIZON"))).containsExactly("data-" + MARKER);
        put(ref, "pk", "more");
    }

    @Test
    void stopStreamEncryptionWritesPlainAgainAndEverythingStaysReadable() {
        kms.create("k1");
        StreamRef ref = activeStream("s", 1);
        engine.startEncryption(ref, "k1");
        settle();
        put(ref, "pk", "sealed");
        engine.stopEncryption(ref);
        settle();
        put(ref, "pk", "plain");
        assertThat(stored()).filteredOn(v -> (v[9] & 2) != 0).hasSize(1);
        assertThat(DataKeyRing.isSealed(stored().get(0))).isFalse(); // the record keeps its own header
        restart();
        assertThat(readAll(iterator(ref, SHARD, "TRIM_HORIZON"))).containsExactly("sealed", "plain");
    }
}
