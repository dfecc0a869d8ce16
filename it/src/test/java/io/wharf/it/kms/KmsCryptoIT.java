package io.wharf.it.kms;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.ReEncryptResponse;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Encrypt, Decrypt, ReEncrypt, data keys and random bytes through the SDK. */
class KmsCryptoIT extends KmsTestBase {
    static final Map<String, String> CONTEXT = Map.of("tenant", "acme", "purpose", "test");

    @Test
    void encryptAndDecryptWithEncryptionContext() {
        KeyMetadata key = newKey();
        EncryptResponse sealed = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("the marker")).encryptionContext(CONTEXT));
        assertThat(sealed.keyId()).isEqualTo(key.arn());
        assertThat(sealed.encryptionAlgorithm()).isEqualTo(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
        assertThat(new String(sealed.ciphertextBlob().asByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("the marker");

        // The blob names its key: no KeyId needed.
        DecryptResponse opened = kms.decrypt(r -> r.ciphertextBlob(sealed.ciphertextBlob()).encryptionContext(CONTEXT));
        assertThat(opened.plaintext().asUtf8String()).isEqualTo("the marker");
        assertThat(opened.keyId()).isEqualTo(key.arn());
        assertThat(opened.encryptionAlgorithm()).isEqualTo(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
        assertThat(kms.decrypt(r -> r.ciphertextBlob(sealed.ciphertextBlob()).encryptionContext(CONTEXT)
                .keyId(key.keyId())).plaintext().asUtf8String()).isEqualTo("the marker");

        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(sealed.ciphertextBlob())))
                .isInstanceOf(InvalidCiphertextException.class);
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(sealed.ciphertextBlob())
                .encryptionContext(Map.of("tenant", "acme", "purpose", "other"))))
                .isInstanceOf(InvalidCiphertextException.class);
        byte[] altered = sealed.ciphertextBlob().asByteArray();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(altered)).encryptionContext(CONTEXT)))
                .isInstanceOf(InvalidCiphertextException.class);
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(utf8("not a ciphertext blob at all, really"))))
                .isInstanceOf(InvalidCiphertextException.class);
        KeyMetadata other = newKey();
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(sealed.ciphertextBlob()).encryptionContext(CONTEXT)
                .keyId(other.keyId()))).isInstanceOf(IncorrectKeyException.class);
        assertThatThrownBy(() -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("x"))
                .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)))
                .isInstanceOf(InvalidKeyUsageException.class);
    }

    @Test
    void plaintextIsAtMostFourKibibytes() {
        KeyMetadata key = newKey();
        assertThat(kms.encrypt(r -> r.keyId(key.keyId()).plaintext(SdkBytes.fromByteArray(new byte[4096]))).ciphertextBlob())
                .isNotNull();
        assertError(() -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(SdkBytes.fromByteArray(new byte[4097]))),
                "ValidationException", "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=4097 "
                        + "cap=4097]' at 'plaintext' failed to satisfy constraint: Member must have length less than or "
                        + "equal to 4096");
    }

    @Test
    void reEncryptMovesACiphertextToAnotherKeyAndContext() {
        KeyMetadata source = newKey();
        KeyMetadata destination = newKey();
        SdkBytes blob = kms.encrypt(r -> r.keyId(source.keyId()).plaintext(utf8("moving")).encryptionContext(CONTEXT))
                .ciphertextBlob();
        ReEncryptResponse moved = kms.reEncrypt(r -> r.ciphertextBlob(blob).sourceEncryptionContext(CONTEXT)
                .destinationKeyId(destination.keyId()).destinationEncryptionContext(Map.of("new", "context")));
        assertThat(moved.sourceKeyId()).isEqualTo(source.arn());
        assertThat(moved.keyId()).isEqualTo(destination.arn());
        DecryptResponse opened = kms.decrypt(r -> r.ciphertextBlob(moved.ciphertextBlob())
                .encryptionContext(Map.of("new", "context")));
        assertThat(opened.plaintext().asUtf8String()).isEqualTo("moving");
        assertThat(opened.keyId()).isEqualTo(destination.arn());
        assertThatThrownBy(() -> kms.reEncrypt(r -> r.ciphertextBlob(blob).destinationKeyId(destination.keyId())))
                .isInstanceOf(InvalidCiphertextException.class);
    }

    @Test
    void dataKeysDecryptToTheirPlaintext() {
        KeyMetadata key = newKey();
        GenerateDataKeyResponse aes256 = kms.generateDataKey(r -> r.keyId(key.keyId()).keySpec(DataKeySpec.AES_256)
                .encryptionContext(CONTEXT));
        assertThat(aes256.plaintext().asByteArray()).hasSize(32);
        assertThat(aes256.keyId()).isEqualTo(key.arn());
        assertThat(kms.decrypt(r -> r.ciphertextBlob(aes256.ciphertextBlob()).encryptionContext(CONTEXT)).plaintext())
                .isEqualTo(aes256.plaintext());
        assertThat(kms.generateDataKey(r -> r.keyId(key.keyId()).keySpec(DataKeySpec.AES_128)).plaintext().asByteArray())
                .hasSize(16);
        assertThat(kms.generateDataKey(r -> r.keyId(key.keyId()).numberOfBytes(64)).plaintext().asByteArray()).hasSize(64);

        var withoutPlaintext = kms.generateDataKeyWithoutPlaintext(r -> r.keyId(key.keyId()).keySpec(DataKeySpec.AES_256));
        assertThat(withoutPlaintext.keyId()).isEqualTo(key.arn());
        assertThat(kms.decrypt(r -> r.ciphertextBlob(withoutPlaintext.ciphertextBlob())).plaintext().asByteArray())
                .hasSize(32);

        assertError(() -> kms.generateDataKey(r -> r.keyId(key.keyId())), "ValidationException",
                "Please specify either number of bytes or key spec.");
        assertError(() -> kms.generateDataKey(r -> r.keyId(key.keyId()).keySpec(DataKeySpec.AES_256).numberOfBytes(32)),
                "ValidationException", "Please specify either number of bytes or key spec.");
        assertError(() -> kms.generateDataKey(r -> r.keyId(key.keyId()).numberOfBytes(1025)), "ValidationException",
                "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must "
                        + "have value less than or equal to 1024");
    }

    @Test
    void generateRandomGivesFreshBytes() {
        byte[] first = kms.generateRandom(r -> r.numberOfBytes(1024)).plaintext().asByteArray();
        byte[] second = kms.generateRandom(r -> r.numberOfBytes(1024)).plaintext().asByteArray();
        assertThat(first).hasSize(1024).isNotEqualTo(second);
        assertThat(kms.generateRandom(r -> r.numberOfBytes(1)).plaintext().asByteArray()).hasSize(1);
        assertError(() -> kms.generateRandom(r -> r.numberOfBytes(0)), "ValidationException",
                "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must "
                        + "have value greater than or equal to 1");
        assertError(() -> kms.generateRandom(r -> { }), "ValidationException",
                "1 validation error detected: Value null at 'numberOfBytes' failed to satisfy constraint: Member must "
                        + "not be null");
    }

    @Test
    void dryRunChecksEverythingAndStops() {
        KeyMetadata key = newKey();
        KmsException e = error(() -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("x")).dryRun(true)));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DryRunOperationException");
        assertThat(e.statusCode()).isEqualTo(412);
        kms.disableKey(r -> r.keyId(key.keyId()));
        assertThat(error(() -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("x")).dryRun(true)))
                .awsErrorDetails().errorCode()).isEqualTo("DisabledException");
    }

    @Test
    void operationsWharfDoesNotImplementAnswerNotImplemented() {
        KeyMetadata key = newKey();
        for (Runnable call : new Runnable[]{
                () -> kms.sign(r -> r.keyId(key.keyId()).message(utf8("m")).signingAlgorithm("RSASSA_PSS_SHA_256")),
                () -> kms.createGrant(r -> r.keyId(key.keyId()).granteePrincipal("arn:aws:iam::000000000000:root")
                        .operationsWithStrings("Decrypt")),
                () -> kms.getPublicKey(r -> r.keyId(key.keyId())),
                () -> kms.describeCustomKeyStores()}) {
            KmsException e = error(call);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
            assertThat(e.statusCode()).isEqualTo(501);
        }
    }
}
