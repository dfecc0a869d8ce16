package io.wharf.it.kms;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.ListAliasesResponse;
import software.amazon.awssdk.services.kms.model.NotFoundException;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Aliases through the SDK, and the AWS managed keys behind {@code alias/aws/sqs|sns|kinesis}. */
class KmsAliasesIT extends KmsTestBase {

    @Test
    void aliasesNameKeysInEveryKeyIdParameter() {
        KeyMetadata key = newKey();
        String name = "alias/" + unique("orders");
        kms.createAlias(r -> r.aliasName(name).targetKeyId(key.keyId()));
        String aliasArn = "arn:aws:kms:us-east-1:000000000000:" + name;
        assertThat(kms.describeKey(r -> r.keyId(name)).keyMetadata().keyId()).isEqualTo(key.keyId());
        assertThat(kms.describeKey(r -> r.keyId(aliasArn)).keyMetadata().keyId()).isEqualTo(key.keyId());
        var sealed = kms.encrypt(r -> r.keyId(name).plaintext(utf8("by alias")));
        assertThat(sealed.keyId()).isEqualTo(key.arn());
        assertThat(kms.decrypt(r -> r.ciphertextBlob(sealed.ciphertextBlob()).keyId(aliasArn)).plaintext().asUtf8String())
                .isEqualTo("by alias");

        AliasListEntry listed = kms.listAliases(r -> r.keyId(key.keyId())).aliases().get(0);
        assertThat(listed.aliasName()).isEqualTo(name);
        assertThat(listed.aliasArn()).isEqualTo(aliasArn);
        assertThat(listed.targetKeyId()).isEqualTo(key.keyId());
        assertThat(listed.creationDate()).isBefore(Instant.now().plusSeconds(1));

        KeyMetadata other = newKey();
        kms.updateAlias(r -> r.aliasName(name).targetKeyId(other.arn()));
        assertThat(kms.describeKey(r -> r.keyId(name)).keyMetadata().keyId()).isEqualTo(other.keyId());
        assertThat(kms.listAliases(r -> r.keyId(key.keyId())).aliases()).isEmpty();

        kms.deleteAlias(r -> r.aliasName(name));
        assertThatThrownBy(() -> kms.describeKey(r -> r.keyId(name)))
                .isInstanceOf(NotFoundException.class).hasMessageStartingWith("Alias " + aliasArn + " is not found.");
        assertThatThrownBy(() -> kms.deleteAlias(r -> r.aliasName(name))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aliasNamesAreChecked() {
        KeyMetadata key = newKey();
        String name = "alias/" + unique("dup");
        kms.createAlias(r -> r.aliasName(name).targetKeyId(key.keyId()));
        assertThatThrownBy(() -> kms.createAlias(r -> r.aliasName(name).targetKeyId(key.keyId())))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageStartingWith("An alias with the name arn:aws:kms:us-east-1:000000000000:" + name
                        + " already exists");
        assertError(() -> kms.createAlias(r -> r.aliasName("no-prefix").targetKeyId(key.keyId())), "ValidationException",
                "Alias must start with the prefix \"alias/\". Please see "
                        + "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
        assertError(() -> kms.createAlias(r -> r.aliasName("alias/aws/mine").targetKeyId(key.keyId())),
                "NotAuthorizedException", null);
        assertError(() -> kms.createAlias(r -> r.aliasName("alias/has space").targetKeyId(key.keyId())),
                "ValidationException", "1 validation error detected: Value 'alias/has space' at 'aliasName' failed to "
                        + "satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
        assertThatThrownBy(() -> kms.createAlias(r -> r.aliasName("alias/" + unique("x")).targetKeyId(name)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void listAliasesShowsTheAwsManagedOnesAndPages() {
        KeyMetadata key = newKey();
        for (int i = 0; i < 3; i++) {
            String name = "alias/" + unique("page");
            kms.createAlias(r -> r.aliasName(name).targetKeyId(key.keyId()));
        }
        ListAliasesResponse all = kms.listAliases();
        assertThat(all.aliases()).extracting(AliasListEntry::aliasName)
                .contains("alias/aws/sqs", "alias/aws/sns", "alias/aws/kinesis");
        ListAliasesResponse first = kms.listAliases(r -> r.limit(2));
        assertThat(first.aliases()).hasSize(2);
        assertThat(first.truncated()).isTrue();
        ListAliasesResponse second = kms.listAliases(r -> r.limit(2).marker(first.nextMarker()));
        assertThat(second.aliases()).doesNotContainAnyElementsOf(first.aliases());
        assertThat(kms.listAliases(r -> r.keyId(key.arn())).aliases()).hasSize(3);
    }

    @Test
    void awsManagedKeysAreMadeOnFirstUse() {
        KeyMetadata sqs = kms.describeKey(r -> r.keyId("alias/aws/sqs")).keyMetadata();
        assertThat(sqs.keyManager()).isEqualTo(KeyManagerType.AWS);
        assertThat(sqs.description()).isEqualTo("Default key that protects my SQS data when no other key is defined");
        assertThat(kms.describeKey(r -> r.keyId("alias/aws/sqs")).keyMetadata().keyId()).isEqualTo(sqs.keyId());
        assertThat(kms.describeKey(r -> r.keyId("alias/aws/kinesis")).keyMetadata().keyId()).isNotEqualTo(sqs.keyId());
        assertThat(kms.listAliases().aliases()).filteredOn(a -> a.aliasName().equals("alias/aws/sqs"))
                .extracting(AliasListEntry::targetKeyId).containsExactly(sqs.keyId());
        assertThat(kms.getKeyRotationStatus(r -> r.keyId(sqs.keyId())).keyRotationEnabled()).isTrue();
        assertThat(kms.getKeyPolicy(r -> r.keyId(sqs.keyId())).policy()).contains("\"kms:ViaService\" : "
                + "\"sqs.us-east-1.amazonaws.com\"");
        // AWS managed keys cannot be changed by their account: their key policy grants it only reading.
        assertError(() -> kms.disableKey(r -> r.keyId(sqs.keyId())), "AccessDeniedException", null);
        assertError(() -> kms.scheduleKeyDeletion(r -> r.keyId(sqs.keyId())), "AccessDeniedException", null);
        assertThatThrownBy(() -> kms.describeKey(r -> r.keyId("alias/aws/s3"))).isInstanceOf(NotFoundException.class);
    }
}
