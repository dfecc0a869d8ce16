package io.wharf.kms.engine;

import io.wharf.protocol.AwsException;
import io.wharf.storage.MemoryStore;
import io.wharf.storage.Store;
import io.wharf.storage.crypto.MasterKey;
import io.wharf.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KmsEngineTest {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final byte[] SECRET = "attack at dawn".getBytes(StandardCharsets.UTF_8);

    final ManualClock clock = new ManualClock(1_700_000_000_000L);
    final Store store = new MemoryStore();
    final MasterKey masterKey = MasterKey.ephemeral();
    KmsEngine engine = new KmsEngine(store, clock, masterKey);

    KmsKey newKey() {
        return engine.createKey(ACCOUNT, REGION, new KmsEngine.NewKey("d", null, null, null, null, Map.of(), null));
    }

    void restart() {
        engine = new KmsEngine(store, clock, masterKey);
    }

    static String code(Runnable call) {
        try {
            call.run();
        } catch (AwsException e) {
            return e.type() + ": " + e.getMessage();
        }
        throw new AssertionError("no error");
    }

    @Test
    void createsSymmetricKeysWithTheDefaultPolicy() {
        KmsKey key = newKey();
        assertThat(key.arn()).isEqualTo("arn:aws:kms:eu-west-1:123456789012:key/" + key.keyId());
        assertThat(key.keySpec()).isEqualTo("SYMMETRIC_DEFAULT");
        assertThat(key.keyUsage()).isEqualTo("ENCRYPT_DECRYPT");
        assertThat(key.status()).isEqualTo(KeyStatus.ENABLED);
        assertThat(key.keyManager()).isEqualTo("CUSTOMER");
        assertThat(key.policy()).contains("\"AWS\" : \"arn:aws:iam::123456789012:root\"").contains("\"kms:*\"");
        assertThat(key.created()).isEqualTo(clock.instant());
    }

    @Test
    void refusesWhatItDoesNotImplement() {
        assertThat(code(() -> engine.createKey(ACCOUNT, REGION,
                new KmsEngine.NewKey(null, "RSA_2048", null, null, null, null, null))))
                .startsWith("UnsupportedOperationException: ");
        assertThat(code(() -> engine.createKey(ACCOUNT, REGION,
                new KmsEngine.NewKey(null, null, "SIGN_VERIFY", null, null, null, null))))
                .isEqualTo("ValidationException: KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT");
        assertThat(code(() -> engine.createKey(ACCOUNT, REGION,
                new KmsEngine.NewKey(null, null, null, "EXTERNAL", null, null, null))))
                .startsWith("UnsupportedOperationException: ");
        assertThat(code(() -> engine.createKey(ACCOUNT, REGION,
                new KmsEngine.NewKey(null, null, null, null, "{not json", null, null))))
                .startsWith("MalformedPolicyDocumentException: ");
    }

    @Test
    void encryptsAndDecryptsWithContextAndWithoutKeyId() {
        KmsKey key = newKey();
        KmsEngine.Sealed sealed = engine.encrypt(ACCOUNT, REGION, key.keyId(), SECRET, Map.of("a", "1", "b", "2"));
        assertThat(sealed.keyArn()).isEqualTo(key.arn());
        assertThat(new String(sealed.ciphertextBlob(), StandardCharsets.ISO_8859_1)).doesNotContain("attack");
        KmsEngine.Opened opened = engine.decrypt(ACCOUNT, REGION, sealed.ciphertextBlob(), Map.of("b", "2", "a", "1"),
                null);
        assertThat(opened.plaintext()).isEqualTo(SECRET);
        assertThat(opened.keyArn()).isEqualTo(key.arn());
        assertThat(code(() -> engine.decrypt(ACCOUNT, REGION, sealed.ciphertextBlob(), Map.of("a", "1"), null)))
                .isEqualTo("InvalidCiphertextException: null");
        assertThat(code(() -> engine.decrypt(ACCOUNT, REGION, sealed.ciphertextBlob(), Map.of(), null)))
                .isEqualTo("InvalidCiphertextException: null");
        byte[] altered = sealed.ciphertextBlob().clone();
        altered[altered.length - 1] ^= 1;
        assertThat(code(() -> engine.decrypt(ACCOUNT, REGION, altered, Map.of("a", "1", "b", "2"), null)))
                .isEqualTo("InvalidCiphertextException: null");
        assertThat(code(() -> engine.decrypt(ACCOUNT, REGION, new byte[]{1, 2, 3}, Map.of(), null)))
                .isEqualTo("InvalidCiphertextException: null");
        KmsKey other = newKey();
        assertThat(code(() -> engine.decrypt(ACCOUNT, REGION, sealed.ciphertextBlob(), Map.of("a", "1", "b", "2"),
                other.keyId()))).startsWith("IncorrectKeyException: ");
    }

    @Test
    void aliasesNameKeys() {
        KmsKey key = newKey();
        engine.createAlias(ACCOUNT, REGION, "alias/app", key.keyId());
        assertThat(engine.describe(ACCOUNT, REGION, "alias/app").keyId()).isEqualTo(key.keyId());
        assertThat(engine.describe(ACCOUNT, REGION, "arn:aws:kms:eu-west-1:123456789012:alias/app").keyId())
                .isEqualTo(key.keyId());
        assertThat(code(() -> engine.createAlias(ACCOUNT, REGION, "alias/app", key.keyId())))
                .isEqualTo("AlreadyExistsException: An alias with the name "
                        + "arn:aws:kms:eu-west-1:123456789012:alias/app already exists");
        assertThat(code(() -> engine.describe(ACCOUNT, REGION, "alias/none")))
                .isEqualTo("NotFoundException: Alias arn:aws:kms:eu-west-1:123456789012:alias/none is not found.");
        assertThat(code(() -> engine.createAlias(ACCOUNT, REGION, "alias/aws/mine", key.keyId())))
                .startsWith("NotAuthorizedException: ");
        assertThat(code(() -> engine.createAlias(ACCOUNT, REGION, "app", key.keyId())))
                .startsWith("ValidationException: Alias must start with the prefix \"alias/\"");
        KmsKey second = newKey();
        engine.updateAlias(ACCOUNT, REGION, "alias/app", second.keyId());
        assertThat(engine.describe(ACCOUNT, REGION, "alias/app").keyId()).isEqualTo(second.keyId());
        engine.deleteAlias(ACCOUNT, REGION, "alias/app");
        assertThat(code(() -> engine.deleteAlias(ACCOUNT, REGION, "alias/app"))).startsWith("NotFoundException: ");
    }

    @Test
    void awsManagedKeysAreMadeOnFirstUseOnce() {
        assertThat(engine.listAliases(ACCOUNT, REGION, null, 100, null).items())
                .extracting(KmsAlias::name, KmsAlias::targetKeyId)
                .contains(org.assertj.core.groups.Tuple.tuple("alias/aws/sqs", null));
        KmsEngine.DataKey first = engine.generateDataKey(ACCOUNT, REGION, "alias/aws/sqs", 32, Map.of());
        KmsEngine.DataKey second = engine.generateDataKey(ACCOUNT, REGION, "alias/aws/sqs", 32, Map.of());
        assertThat(first.keyArn()).isEqualTo(second.keyArn());
        KmsKey managed = engine.describe(ACCOUNT, REGION, "alias/aws/sqs");
        assertThat(managed.keyManager()).isEqualTo("AWS");
        assertThat(managed.rotationEnabled()).isTrue();
        assertThat(managed.policy()).contains("kms:ViaService").contains("sqs.eu-west-1.amazonaws.com");
        assertThat(engine.describe(ACCOUNT, REGION, "alias/aws/kinesis").arn()).isNotEqualTo(managed.arn());
        assertThat(code(() -> engine.setEnabled(ACCOUNT, REGION, managed.keyId(), false)))
                .startsWith("AccessDeniedException: ");
        assertThat(code(() -> engine.describe(ACCOUNT, REGION, "alias/aws/s3"))).startsWith("NotFoundException: ");
        restart();
        assertThat(engine.describe(ACCOUNT, REGION, "alias/aws/sqs").arn()).isEqualTo(managed.arn());
    }

    @Test
    void disabledKeysRefuseUseUntilEnabled() {
        KmsKey key = newKey();
        byte[] blob = engine.encrypt(ACCOUNT, REGION, key.keyId(), SECRET, Map.of()).ciphertextBlob();
        engine.setEnabled(ACCOUNT, REGION, key.arn(), false);
        assertThat(code(() -> engine.encrypt(ACCOUNT, REGION, key.keyId(), SECRET, Map.of())))
                .isEqualTo("DisabledException: " + key.arn() + " is disabled.");
        assertThat(code(() -> engine.decrypt(ACCOUNT, REGION, blob, Map.of(), null)))
                .isEqualTo("DisabledException: " + key.arn() + " is disabled.");
        engine.setEnabled(ACCOUNT, REGION, key.keyId(), true);
        assertThat(engine.decrypt(ACCOUNT, REGION, blob, Map.of(), null).plaintext()).isEqualTo(SECRET);
    }

    @Test
    void deletionIsPendingThenHappensWhenDue() {
        KmsKey key = newKey();
        engine.createAlias(ACCOUNT, REGION, "alias/doomed", key.keyId());
        assertThat(code(() -> engine.scheduleDeletion(ACCOUNT, REGION, key.keyId(), 6)))
                .isEqualTo("ValidationException: 1 validation error detected: Value '6' at 'pendingWindowInDays' "
                        + "failed to satisfy constraint: Member must have value greater than or equal to 7");
        assertThat(code(() -> engine.scheduleDeletion(ACCOUNT, REGION, key.keyId(), 31))).startsWith("ValidationException");
        KmsKey pending = engine.scheduleDeletion(ACCOUNT, REGION, key.keyId(), 7);
        assertThat(pending.status()).isEqualTo(KeyStatus.PENDING_DELETION);
        assertThat(pending.deletionDate()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
        assertThat(code(() -> engine.encrypt(ACCOUNT, REGION, key.keyId(), SECRET, Map.of())))
                .isEqualTo("KMSInvalidStateException: " + key.arn() + " is pending deletion.");
        KmsKey cancelled = engine.cancelDeletion(ACCOUNT, REGION, key.keyId());
        assertThat(cancelled.status()).isEqualTo(KeyStatus.DISABLED);
        assertThat(cancelled.deletionDate()).isNull();
        assertThat(code(() -> engine.cancelDeletion(ACCOUNT, REGION, key.keyId())))
                .startsWith("KMSInvalidStateException: ");

        engine.scheduleDeletion(ACCOUNT, REGION, key.keyId(), null);
        clock.advance(Duration.ofDays(30).minusMillis(1));
        assertThat(engine.describe(ACCOUNT, REGION, key.keyId()).status()).isEqualTo(KeyStatus.PENDING_DELETION);
        clock.advance(Duration.ofMillis(1));
        assertThat(code(() -> engine.describe(ACCOUNT, REGION, key.keyId())))
                .isEqualTo("NotFoundException: Key '" + key.arn() + "' does not exist");
        assertThat(code(() -> engine.describe(ACCOUNT, REGION, "alias/doomed"))).startsWith("NotFoundException: ");
        restart();
        assertThat(engine.listKeys(ACCOUNT, REGION, 100, null).items()).isEmpty();
    }

    @Test
    void rotationKeepsOldMaterialForOldCiphertexts() {
        KmsKey key = newKey();
        byte[] before = engine.encrypt(ACCOUNT, REGION, key.keyId(), SECRET, Map.of()).ciphertextBlob();
        engine.setRotation(ACCOUNT, REGION, key.keyId(), true, 90);
        assertThat(engine.ownKey(ACCOUNT, REGION, key.keyId()).nextRotation())
                .isEqualTo(clock.instant().plus(Duration.ofDays(90)));
        clock.advance(Duration.ofDays(90));
        byte[] after = engine.encrypt(ACCOUNT, REGION, key.keyId(), SECRET, Map.of()).ciphertextBlob();
        assertThat(engine.materialVersions(key.keyId())).isEqualTo(2);
        assertThat(Ciphertexts.materialVersion(before)).isZero();
        assertThat(Ciphertexts.materialVersion(after)).isEqualTo(1);
        KmsKey rotated = engine.rotateNow(ACCOUNT, REGION, key.keyId());
        assertThat(rotated.rotations()).extracting(KmsKey.Rotation::type).containsExactly("AUTOMATIC", "ON_DEMAND");
        restart();
        assertThat(engine.decrypt(ACCOUNT, REGION, before, Map.of(), null).plaintext()).isEqualTo(SECRET);
        assertThat(engine.decrypt(ACCOUNT, REGION, after, Map.of(), null).plaintext()).isEqualTo(SECRET);
        engine.setRotation(ACCOUNT, REGION, key.keyId(), false, null);
        assertThat(engine.ownKey(ACCOUNT, REGION, key.keyId()).nextRotation()).isNull();
    }

    @Test
    void keyMaterialIsStoredWrappedAndNeedsTheMasterKey() {
        KmsKey key = newKey();
        byte[] blob = engine.encrypt(ACCOUNT, REGION, key.keyId(), SECRET, Map.of()).ciphertextBlob();
        store.scan(store.keySpace(KmsStoreLayout.KEYS), new byte[0], (k, v) -> assertThat(v.length).isGreaterThan(60));
        assertThatThrownBy(() -> new KmsEngine(store, clock, MasterKey.ephemeral()))
                .isInstanceOf(MasterKey.WrongKeyException.class);
        restart();
        assertThat(engine.decrypt(ACCOUNT, REGION, blob, Map.of(), null).plaintext()).isEqualTo(SECRET);
    }

    @Test
    void listsPageByMarker() {
        for (int i = 0; i < 5; i++) {
            newKey();
        }
        engine.createKey("210987654321", REGION, new KmsEngine.NewKey(null, null, null, null, null, null, null));
        KmsEngine.Page<KmsKey> first = engine.listKeys(ACCOUNT, REGION, 3, null);
        assertThat(first.items()).hasSize(3);
        KmsEngine.Page<KmsKey> second = engine.listKeys(ACCOUNT, REGION, 3, first.nextMarker());
        assertThat(second.items()).hasSize(2);
        assertThat(second.nextMarker()).isNull();
        assertThat(code(() -> engine.listKeys(ACCOUNT, REGION, 3, "bogus"))).startsWith("InvalidMarkerException");
        assertThat(engine.listKeys(ACCOUNT, "us-east-1", 3, null).items()).isEmpty();
    }

    @Test
    void keysAreFoundInTheirOwnAccountAndRegionOnly() {
        KmsKey key = newKey();
        assertThat(code(() -> engine.describe(ACCOUNT, "us-east-1", key.keyId())))
                .isEqualTo("NotFoundException: Key 'arn:aws:kms:us-east-1:123456789012:key/" + key.keyId()
                        + "' does not exist");
        assertThat(engine.describe("210987654321", "us-east-1", key.arn()).keyId()).isEqualTo(key.keyId());
        assertThat(code(() -> engine.setEnabled("210987654321", REGION, key.arn(), false)))
                .startsWith("NotFoundException: ");
        assertThat(code(() -> engine.describe(ACCOUNT, REGION, "nonsense")))
                .isEqualTo("NotFoundException: Invalid keyId 'nonsense'");
        assertThat(code(() -> engine.setEnabled(ACCOUNT, REGION, "alias/x", false)))
                .isEqualTo("NotFoundException: Invalid keyId 'alias/x'");
    }

    @Test
    void tagsAndPolicies() {
        KmsKey key = newKey();
        engine.tag(ACCOUNT, REGION, key.keyId(), Map.of("env", "prod"));
        assertThat(engine.tagsOf(key.arn())).containsEntry("env", "prod");
        assertThat(code(() -> engine.tag(ACCOUNT, REGION, key.keyId(), Map.of("aws:x", "y"))))
                .startsWith("TagException: ");
        engine.untag(ACCOUNT, REGION, key.keyId(), List.of("env"));
        assertThat(engine.tagsOf(key.arn())).isEmpty();
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
        engine.putPolicy(ACCOUNT, REGION, key.keyId(), policy);
        assertThat(engine.policyOf(key.arn())).isEqualTo(policy);
        assertThat(code(() -> engine.putPolicy(ACCOUNT, REGION, key.keyId(), "{}")))
                .startsWith("MalformedPolicyDocumentException: ");
        restart();
        assertThat(engine.policyOf(key.arn())).isEqualTo(policy);
    }
}
