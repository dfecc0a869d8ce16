package io.wharf.it.kms;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.InvalidMarkerException;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;
import software.amazon.awssdk.services.kms.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.RotationType;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionResponse;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.kms.model.TagException;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Keys through the SDK: creation, description, listing, state, deletion, rotation, tags and key policies. */
class KmsKeysIT extends KmsTestBase {

    @Test
    void createKeyMakesASymmetricEncryptionKey() {
        Instant before = Instant.now().minusSeconds(1);
        KeyMetadata key = kms.createKey(r -> r.description("orders")).keyMetadata();
        assertThat(key.keyId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(key.arn()).isEqualTo("arn:aws:kms:us-east-1:000000000000:key/" + key.keyId());
        assertThat(key.awsAccountId()).isEqualTo(ACCOUNT);
        assertThat(key.description()).isEqualTo("orders");
        assertThat(key.enabled()).isTrue();
        assertThat(key.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(key.keyUsage()).isEqualTo(KeyUsageType.ENCRYPT_DECRYPT);
        assertThat(key.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(key.origin()).isEqualTo(OriginType.AWS_KMS);
        assertThat(key.keyManager()).isEqualTo(KeyManagerType.CUSTOMER);
        assertThat(key.encryptionAlgorithmsAsStrings()).containsExactly("SYMMETRIC_DEFAULT");
        assertThat(key.multiRegion()).isFalse();
        assertThat(key.creationDate()).isAfter(before);

        assertThat(kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata()).isEqualTo(key);
        assertThat(kms.describeKey(r -> r.keyId(key.arn())).keyMetadata()).isEqualTo(key);
    }

    @Test
    void createKeyRefusesWhatWharfDoesNotImplement() {
        assertThatThrownBy(() -> kms.createKey(r -> r.keySpec(KeySpec.RSA_2048).keyUsage(KeyUsageType.ENCRYPT_DECRYPT)))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("KeySpec RSA_2048 is not supported");
        assertThatThrownBy(() -> kms.createKey(r -> r.origin(OriginType.EXTERNAL)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> kms.createKey(r -> r.multiRegion(true)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertError(() -> kms.createKey(r -> r.keyUsage(KeyUsageType.SIGN_VERIFY)), "ValidationException",
                "KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT");
        assertThat(error(() -> kms.createKey(r -> r.keySpec("AES_512"))).awsErrorDetails().errorMessage())
                .startsWith("1 validation error detected: Value 'AES_512' at 'keySpec' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [");
        assertThatThrownBy(() -> kms.createKey(r -> r.policy("{not json")))
                .isInstanceOf(MalformedPolicyDocumentException.class);
    }

    @Test
    void unknownKeysAreNotFound() {
        String missing = "0b0b0b0b-1111-2222-3333-444444444444";
        assertThatThrownBy(() -> kms.describeKey(r -> r.keyId(missing)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageStartingWith("Key 'arn:aws:kms:us-east-1:000000000000:key/" + missing + "' does not exist");
        assertThatThrownBy(() -> kms.describeKey(r -> r.keyId("nonsense")))
                .isInstanceOf(NotFoundException.class).hasMessageStartingWith("Invalid keyId 'nonsense'");
        assertThatThrownBy(() -> kms.enableKey(r -> r.keyId("alias/whatever")))
                .isInstanceOf(NotFoundException.class).hasMessageStartingWith("Invalid keyId 'alias/whatever'");
        assertError(() -> kms.describeKey(r -> r.grantTokens("t")), "ValidationException",
                "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void listKeysPagesWithMarkers() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(newKey().keyId());
        }
        List<String> listed = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String from = marker;
            ListKeysResponse page = kms.listKeys(r -> r.limit(2).marker(from));
            assertThat(page.keys()).hasSizeLessThanOrEqualTo(2);
            page.keys().stream().map(KeyListEntry::keyId).forEach(listed::add);
            assertThat(page.truncated()).isEqualTo(page.nextMarker() != null);
            marker = page.nextMarker();
            pages++;
        } while (marker != null);
        assertThat(listed).containsAll(made).doesNotHaveDuplicates();
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(kms.listKeys().keys()).extracting(KeyListEntry::keyArn)
                .contains("arn:aws:kms:us-east-1:000000000000:key/" + made.get(0));
        assertThatThrownBy(() -> kms.listKeys(r -> r.marker("not-a-marker"))).isInstanceOf(InvalidMarkerException.class);
        assertError(() -> kms.listKeys(r -> r.limit(0)), "ValidationException",
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value "
                        + "greater than or equal to 1");
    }

    @Test
    void disabledKeysRefuseUseUntilEnabled() {
        KeyMetadata key = newKey();
        kms.disableKey(r -> r.keyId(key.keyId()));
        KeyMetadata disabled = kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata();
        assertThat(disabled.keyState()).isEqualTo(KeyState.DISABLED);
        assertThat(disabled.enabled()).isFalse();
        assertThatThrownBy(() -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("x"))))
                .isInstanceOf(DisabledException.class).hasMessageStartingWith(key.arn() + " is disabled.");
        assertThatThrownBy(() -> kms.generateDataKey(r -> r.keyId(key.arn()).keySpec("AES_256")))
                .isInstanceOf(DisabledException.class);
        kms.enableKey(r -> r.keyId(key.arn()));
        assertThat(kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("x"))).keyId()).isEqualTo(key.arn());
    }

    @Test
    void scheduledDeletionIsPendingAndCanBeCancelled() {
        KeyMetadata key = newKey();
        assertError(() -> kms.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(6)),
                "ValidationException", "1 validation error detected: Value '6' at 'pendingWindowInDays' failed to "
                        + "satisfy constraint: Member must have value greater than or equal to 7");
        assertError(() -> kms.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(31)),
                "ValidationException", "1 validation error detected: Value '31' at 'pendingWindowInDays' failed to "
                        + "satisfy constraint: Member must have value less than or equal to 30");
        ScheduleKeyDeletionResponse scheduled = kms.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7));
        assertThat(scheduled.keyId()).isEqualTo(key.arn());
        assertThat(scheduled.keyState()).isEqualTo(KeyState.PENDING_DELETION);
        assertThat(scheduled.pendingWindowInDays()).isEqualTo(7);
        assertThat(scheduled.deletionDate()).isCloseTo(Instant.now().plus(Duration.ofDays(7)), within(Duration.ofMinutes(1)));
        KeyMetadata pending = kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata();
        assertThat(pending.keyState()).isEqualTo(KeyState.PENDING_DELETION);
        assertThat(pending.deletionDate()).isEqualTo(scheduled.deletionDate());
        assertThatThrownBy(() -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("x"))))
                .isInstanceOf(KmsInvalidStateException.class).hasMessageStartingWith(key.arn() + " is pending deletion.");
        assertThatThrownBy(() -> kms.enableKey(r -> r.keyId(key.keyId()))).isInstanceOf(KmsInvalidStateException.class);
        assertThatThrownBy(() -> kms.scheduleKeyDeletion(r -> r.keyId(key.keyId())))
                .isInstanceOf(KmsInvalidStateException.class);

        assertThat(kms.cancelKeyDeletion(r -> r.keyId(key.keyId())).keyId()).isEqualTo(key.arn());
        KeyMetadata cancelled = kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata();
        assertThat(cancelled.keyState()).isEqualTo(KeyState.DISABLED);
        assertThat(cancelled.deletionDate()).isNull();
        assertThatThrownBy(() -> kms.cancelKeyDeletion(r -> r.keyId(key.keyId())))
                .isInstanceOf(KmsInvalidStateException.class).hasMessageStartingWith(key.arn() + " is not pending deletion.");
        assertThat(kms.scheduleKeyDeletion(r -> r.keyId(key.keyId())).pendingWindowInDays()).isEqualTo(30);
    }

    @Test
    void rotationIsStatusScheduleAndOnDemand() {
        KeyMetadata key = newKey();
        GetKeyRotationStatusResponse off = kms.getKeyRotationStatus(r -> r.keyId(key.keyId()));
        assertThat(off.keyRotationEnabled()).isFalse();
        assertThat(off.keyId()).isEqualTo(key.arn());

        kms.enableKeyRotation(r -> r.keyId(key.keyId()).rotationPeriodInDays(90));
        GetKeyRotationStatusResponse on = kms.getKeyRotationStatus(r -> r.keyId(key.keyId()));
        assertThat(on.keyRotationEnabled()).isTrue();
        assertThat(on.rotationPeriodInDays()).isEqualTo(90);
        assertThat(on.nextRotationDate()).isCloseTo(Instant.now().plus(Duration.ofDays(90)), within(Duration.ofMinutes(1)));
        assertError(() -> kms.enableKeyRotation(r -> r.keyId(key.keyId()).rotationPeriodInDays(89)), "ValidationException",
                "1 validation error detected: Value '89' at 'rotationPeriodInDays' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 90");

        var before = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("before rotation"))).ciphertextBlob();
        assertThat(kms.rotateKeyOnDemand(r -> r.keyId(key.keyId())).keyId()).isEqualTo(key.arn());
        var rotations = kms.listKeyRotations(r -> r.keyId(key.keyId())).rotations();
        assertThat(rotations).hasSize(1);
        assertThat(rotations.get(0).rotationType()).isEqualTo(RotationType.ON_DEMAND);
        assertThat(rotations.get(0).keyId()).isEqualTo(key.keyId());
        var after = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("after rotation"))).ciphertextBlob();
        assertThat(kms.decrypt(r -> r.ciphertextBlob(before)).plaintext().asUtf8String()).isEqualTo("before rotation");
        assertThat(kms.decrypt(r -> r.ciphertextBlob(after)).plaintext().asUtf8String()).isEqualTo("after rotation");

        kms.disableKeyRotation(r -> r.keyId(key.keyId()));
        assertThat(kms.getKeyRotationStatus(r -> r.keyId(key.keyId())).keyRotationEnabled()).isFalse();
        kms.disableKey(r -> r.keyId(key.keyId()));
        assertThatThrownBy(() -> kms.enableKeyRotation(r -> r.keyId(key.keyId()))).isInstanceOf(DisabledException.class);
    }

    @Test
    void tagsAreSetListedAndRemoved() {
        KeyMetadata key = kms.createKey(r -> r.tags(Tag.builder().tagKey("team").tagValue("payments").build()))
                .keyMetadata();
        kms.tagResource(r -> r.keyId(key.keyId()).tags(Tag.builder().tagKey("env").tagValue("prod").build(),
                Tag.builder().tagKey("team").tagValue("billing").build()));
        assertThat(kms.listResourceTags(r -> r.keyId(key.keyId())).tags())
                .extracting(Tag::tagKey, Tag::tagValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "billing"),
                        org.assertj.core.groups.Tuple.tuple("env", "prod"));
        var firstPage = kms.listResourceTags(r -> r.keyId(key.keyId()).limit(1));
        assertThat(firstPage.tags()).hasSize(1);
        assertThat(firstPage.truncated()).isTrue();
        assertThat(kms.listResourceTags(r -> r.keyId(key.keyId()).marker(firstPage.nextMarker())).tags())
                .extracting(Tag::tagKey).containsExactly("env");
        kms.untagResource(r -> r.keyId(key.arn()).tagKeys("team", "absent"));
        assertThat(kms.listResourceTags(r -> r.keyId(key.keyId())).tags()).extracting(Tag::tagKey).containsExactly("env");
        assertThatThrownBy(() -> kms.tagResource(r -> r.keyId(key.keyId())
                .tags(Tag.builder().tagKey("aws:reserved").tagValue("x").build()))).isInstanceOf(TagException.class);
    }

    @Test
    void keyPoliciesDefaultToTheAccountAndCanBeReplaced() {
        KeyMetadata key = newKey();
        String policy = kms.getKeyPolicy(r -> r.keyId(key.keyId()).policyName("default")).policy();
        assertThat(policy).contains("\"Sid\" : \"Enable IAM User Permissions\"")
                .contains("\"AWS\" : \"arn:aws:iam::000000000000:root\"").contains("\"Action\" : \"kms:*\"");
        assertThat(kms.getKeyPolicy(r -> r.keyId(key.keyId())).policyName()).isEqualTo("default");
        assertThat(kms.listKeyPolicies(r -> r.keyId(key.keyId())).policyNames()).containsExactly("default");

        String replaced = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"root\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
        kms.putKeyPolicy(r -> r.keyId(key.keyId()).policyName("default").policy(replaced));
        assertThat(kms.getKeyPolicy(r -> r.keyId(key.keyId())).policy()).isEqualTo(replaced);
        assertThatThrownBy(() -> kms.putKeyPolicy(r -> r.keyId(key.keyId()).policy("{\"Statement\":[]}")))
                .isInstanceOf(MalformedPolicyDocumentException.class);
        assertThatThrownBy(() -> kms.getKeyPolicy(r -> r.keyId(key.keyId()).policyName("other")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void descriptionsCanBeChanged() {
        KeyMetadata key = newKey();
        kms.updateKeyDescription(r -> r.keyId(key.keyId()).description("new words"));
        assertThat(kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata().description()).isEqualTo("new words");
    }
}
