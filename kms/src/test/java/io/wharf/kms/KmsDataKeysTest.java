package io.wharf.kms;

import io.wharf.kms.engine.KmsEngine;
import io.wharf.kms.engine.KmsKey;
import io.wharf.protocol.crypto.DataKeys;
import io.wharf.protocol.crypto.KmsFailure;
import io.wharf.storage.MemoryStore;
import io.wharf.storage.crypto.MasterKey;
import io.wharf.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The contract services encrypt at rest through, and the failure kinds they map onto their own errors. */
class KmsDataKeysTest {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final Map<String, String> CONTEXT = Map.of("aws:sqs:arn", "arn:aws:sqs:eu-west-1:123456789012:q");

    final ManualClock clock = new ManualClock(1_700_000_000_000L);
    final KmsModule kms = KmsModule.create(new MemoryStore(), clock, MasterKey.ephemeral(), REGION);
    final DataKeys dataKeys = kms.dataKeys();
    final KmsEngine engine = kms.engine();

    static KmsFailure.Kind kind(ThrowingCall call) {
        KmsFailure failure = catchThrowableOfType(KmsFailure.class, call::run);
        assertThat(failure).as("expected a KmsFailure").isNotNull();
        return failure.kind();
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void generatesDataKeysThatDecryptWithTheSameContext() throws KmsFailure {
        DataKeys.DataKey key = dataKeys.generate(ACCOUNT, "alias/aws/sqs", CONTEXT);
        assertThat(key.plaintext()).hasSize(32);
        assertThat(key.keyArn()).startsWith("arn:aws:kms:eu-west-1:123456789012:key/");
        assertThat(dataKeys.decrypt(ACCOUNT, key.ciphertextBlob(), CONTEXT)).isEqualTo(key.plaintext());
        assertThat(dataKeys.resolve(ACCOUNT, "alias/aws/sqs")).isEqualTo(key.keyArn());
        assertThat(kind(() -> dataKeys.decrypt(ACCOUNT, key.ciphertextBlob(), Map.of())))
                .isEqualTo(KmsFailure.Kind.INVALID_CIPHERTEXT);
        assertThat(kind(() -> dataKeys.decrypt(ACCOUNT, new byte[]{9, 9, 9}, CONTEXT)))
                .isEqualTo(KmsFailure.Kind.INVALID_CIPHERTEXT);
    }

    @Test
    void failuresCarryKmsKinds() throws KmsFailure {
        KmsKey key = engine.createKey(ACCOUNT, REGION, new KmsEngine.NewKey(null, null, null, null, null, null, null));
        DataKeys.DataKey dataKey = dataKeys.generate(ACCOUNT, key.keyId(), CONTEXT);
        assertThat(kind(() -> dataKeys.generate(ACCOUNT, "alias/missing", CONTEXT))).isEqualTo(KmsFailure.Kind.NOT_FOUND);
        assertThat(kind(() -> dataKeys.resolve(ACCOUNT, "0b0b0b0b-1111-2222-3333-444444444444")))
                .isEqualTo(KmsFailure.Kind.NOT_FOUND);

        engine.setEnabled(ACCOUNT, REGION, key.keyId(), false);
        assertThat(kind(() -> dataKeys.generate(ACCOUNT, key.arn(), CONTEXT))).isEqualTo(KmsFailure.Kind.DISABLED);
        assertThat(kind(() -> dataKeys.decrypt(ACCOUNT, dataKey.ciphertextBlob(), CONTEXT)))
                .isEqualTo(KmsFailure.Kind.DISABLED);
        assertThat(kind(() -> dataKeys.resolve(ACCOUNT, key.keyId()))).isEqualTo(KmsFailure.Kind.DISABLED);

        engine.scheduleDeletion(ACCOUNT, REGION, key.keyId(), 7);
        assertThat(kind(() -> dataKeys.generate(ACCOUNT, key.keyId(), CONTEXT))).isEqualTo(KmsFailure.Kind.INVALID_STATE);
        assertThat(kind(() -> dataKeys.resolve(ACCOUNT, key.keyId()))).isEqualTo(KmsFailure.Kind.INVALID_STATE);

        clock.advance(Duration.ofDays(7));
        assertThat(kind(() -> dataKeys.decrypt(ACCOUNT, dataKey.ciphertextBlob(), CONTEXT)))
                .isEqualTo(KmsFailure.Kind.INVALID_CIPHERTEXT);
        assertThat(kind(() -> dataKeys.generate(ACCOUNT, key.keyId(), CONTEXT))).isEqualTo(KmsFailure.Kind.NOT_FOUND);
    }

    @Test
    void keysByArnAreFoundInTheirOwnRegion() throws KmsFailure {
        KmsKey elsewhere = engine.createKey(ACCOUNT, "us-west-2",
                new KmsEngine.NewKey(null, null, null, null, null, null, null));
        assertThat(dataKeys.resolve(ACCOUNT, elsewhere.arn())).isEqualTo(elsewhere.arn());
        assertThat(kind(() -> dataKeys.resolve(ACCOUNT, elsewhere.keyId()))).isEqualTo(KmsFailure.Kind.NOT_FOUND);
    }
}
