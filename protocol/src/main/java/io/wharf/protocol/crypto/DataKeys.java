package io.wharf.protocol.crypto;

import java.util.Map;

/**
 * Envelope encryption for services that encrypt at rest (SQS {@code KmsMasterKeyId}, SNS {@code KmsMasterKeyId},
 * Kinesis {@code StartStreamEncryption}): KMS hands out data keys wrapped by a KMS key and unwraps them again.
 * The KMS module implements it; services depend on this interface only and turn a {@link KmsFailure} into their
 * own AWS error ({@code KMS.DisabledException} in SQS, {@code KMSDisabledException} in Kinesis, …).
 *
 * <p>{@code keyId} is what the user configured: a key id, key ARN, alias name ({@code alias/…}) or alias ARN.
 * The AWS managed aliases {@code alias/aws/sqs}, {@code alias/aws/sns} and {@code alias/aws/kinesis} name keys
 * that are created in the account on first use.
 */
public interface DataKeys {

    /** A fresh AES-256 data key under {@code keyId}, in {@code accountId}'s KMS. */
    DataKey generate(String accountId, String keyId, Map<String, String> encryptionContext) throws KmsFailure;

    /** The plaintext of a data key {@link #generate} made, given the same encryption context. */
    byte[] decrypt(String accountId, byte[] ciphertextBlob, Map<String, String> encryptionContext) throws KmsFailure;

    /** The ARN {@code keyId} resolves to, checking that the key exists and may be used (Kinesis checks at once). */
    String resolve(String accountId, String keyId) throws KmsFailure;

    /** A data key: its plaintext (never stored) and the blob the store keeps. */
    record DataKey(String keyArn, byte[] plaintext, byte[] ciphertextBlob) {
    }

    /** No KMS: every use fails as a key that does not exist. Used where no KMS is wired (unit tests). */
    DataKeys NONE = new DataKeys() {
        @Override
        public DataKey generate(String accountId, String keyId, Map<String, String> context) throws KmsFailure {
            throw new KmsFailure(KmsFailure.Kind.NOT_FOUND, "Key '" + keyId + "' does not exist");
        }

        @Override
        public byte[] decrypt(String accountId, byte[] blob, Map<String, String> context) throws KmsFailure {
            throw new KmsFailure(KmsFailure.Kind.INVALID_CIPHERTEXT, null);
        }

        @Override
        public String resolve(String accountId, String keyId) throws KmsFailure {
            throw new KmsFailure(KmsFailure.Kind.NOT_FOUND, "Key '" + keyId + "' does not exist");
        }
    };
}
