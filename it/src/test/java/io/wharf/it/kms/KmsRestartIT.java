package io.wharf.it.kms;

import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.Tag;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys, aliases, states, tags, policies and rotated material survive a restart on the same data directory, and every
 * ciphertext made before it still decrypts; the key material is nowhere in the data directory in clear.
 */
class KmsRestartIT {
    @TempDir
    Path dataDir;

    private Wharf start() {
        return Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).build());
    }

    @Test
    void keysAliasesAndCiphertextsSurviveARestart() throws Exception {
        String keyId;
        String disabledKeyId;
        String sqsKeyId;
        List<SdkBytes> blobs = new ArrayList<>();
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::000000000000:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
        try (Wharf wharf = start(); KmsClient kms = Clients.kms(URI.create(wharf.endpoint()))) {
            keyId = kms.createKey(r -> r.description("durable").tags(Tag.builder().tagKey("k").tagValue("v").build()))
                    .keyMetadata().keyId();
            kms.createAlias(r -> r.aliasName("alias/durable").targetKeyId(keyId));
            kms.putKeyPolicy(r -> r.keyId(keyId).policy(policy));
            kms.enableKeyRotation(r -> r.keyId(keyId));
            blobs.add(kms.encrypt(r -> r.keyId("alias/durable").plaintext(SdkBytes.fromUtf8String("first"))
                    .encryptionContext(Map.of("n", "1"))).ciphertextBlob());
            kms.rotateKeyOnDemand(r -> r.keyId(keyId));
            blobs.add(kms.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("second"))
                    .encryptionContext(Map.of("n", "2"))).ciphertextBlob());
            disabledKeyId = kms.createKey(r -> r.description("off")).keyMetadata().keyId();
            kms.disableKey(r -> r.keyId(disabledKeyId));
            sqsKeyId = kms.describeKey(r -> r.keyId("alias/aws/sqs")).keyMetadata().keyId();
        }
        try (Wharf wharf = start(); KmsClient kms = Clients.kms(URI.create(wharf.endpoint()))) {
            var key = kms.describeKey(r -> r.keyId("alias/durable")).keyMetadata();
            assertThat(key.keyId()).isEqualTo(keyId);
            assertThat(key.description()).isEqualTo("durable");
            assertThat(kms.listResourceTags(r -> r.keyId(keyId)).tags()).extracting(Tag::tagKey).containsExactly("k");
            assertThat(kms.getKeyPolicy(r -> r.keyId(keyId)).policy()).isEqualTo(policy);
            assertThat(kms.getKeyRotationStatus(r -> r.keyId(keyId)).keyRotationEnabled()).isTrue();
            assertThat(kms.listKeyRotations(r -> r.keyId(keyId)).rotations()).hasSize(1);
            assertThat(kms.decrypt(r -> r.ciphertextBlob(blobs.get(0)).encryptionContext(Map.of("n", "1")))
                    .plaintext().asUtf8String()).isEqualTo("first");
            assertThat(kms.decrypt(r -> r.ciphertextBlob(blobs.get(1)).encryptionContext(Map.of("n", "2")))
                    .plaintext().asUtf8String()).isEqualTo("second");
            assertThat(kms.describeKey(r -> r.keyId(disabledKeyId)).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);
            assertThat(kms.describeKey(r -> r.keyId("alias/aws/sqs")).keyMetadata().keyId()).isEqualTo(sqsKeyId);
        }
        Path masterKey = dataDir.resolve("master-key");
        assertThat(Files.getPosixFilePermissions(masterKey))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
}
