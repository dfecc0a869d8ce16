package io.wharf.kms;

import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.crypto.DataKeys;
import io.wharf.protocol.crypto.KmsFailure;

import java.util.Map;

/**
 * {@link DataKeys} over the KMS engine, for the services that encrypt at rest. Calls come from inside Wharf (a service
 * acting for a caller it already authorised), so no key policy is evaluated here; the key's state is. Keys given as
 * a key id or alias name are looked up in {@code region}, the server's region (an ARN names its own);
 * {@code alias/aws/sqs}, {@code alias/aws/sns} and {@code alias/aws/kinesis} make their AWS managed key on first use.
 */
public final class KmsDataKeys implements DataKeys {
    /** AES-256 data keys. */
    public static final int DATA_KEY_BYTES = 32;

    private final KmsEngine engine;
    private final String region;

    public KmsDataKeys(KmsEngine engine, String region) {
        this.engine = engine;
        this.region = region;
    }

    @Override
    public DataKey generate(String accountId, String keyId, Map<String, String> encryptionContext) throws KmsFailure {
        try {
            KmsEngine.DataKey key = engine.generateDataKey(accountId, region, keyId, DATA_KEY_BYTES,
                    encryptionContext);
            return new DataKey(key.keyArn(), key.plaintext(), key.ciphertextBlob());
        } catch (AwsException e) {
            throw failure(e);
        }
    }

    @Override
    public byte[] decrypt(String accountId, byte[] ciphertextBlob, Map<String, String> encryptionContext)
            throws KmsFailure {
        try {
            return engine.decrypt(accountId, region, ciphertextBlob, encryptionContext, null).plaintext();
        } catch (AwsException e) {
            throw failure(e);
        }
    }

    @Override
    public String resolve(String accountId, String keyId) throws KmsFailure {
        try {
            var key = engine.describe(accountId, region, keyId);
            switch (key.status()) {
                case ENABLED -> { }
                case DISABLED -> throw KmsErrors.disabled(key.arn());
                case PENDING_DELETION -> throw KmsErrors.pendingDeletion(key.arn());
            }
            if (!key.keyUsage().equals("ENCRYPT_DECRYPT")) {
                throw KmsErrors.INVALID_KEY_USAGE.error(key.arn() + " is not an ENCRYPT_DECRYPT key.");
            }
            return key.arn();
        } catch (AwsException e) {
            throw failure(e);
        }
    }

    /** KMS's error in the kind services map onto their own tables. */
    static KmsFailure failure(AwsException e) {
        KmsFailure.Kind kind = switch (e.type()) {
            case "NotFoundException" -> KmsFailure.Kind.NOT_FOUND;
            case "DisabledException" -> KmsFailure.Kind.DISABLED;
            case "KMSInvalidStateException" -> KmsFailure.Kind.INVALID_STATE;
            case "AccessDeniedException" -> KmsFailure.Kind.ACCESS_DENIED;
            case "InvalidCiphertextException", "IncorrectKeyException" -> KmsFailure.Kind.INVALID_CIPHERTEXT;
            case "InvalidKeyUsageException" -> KmsFailure.Kind.INVALID_KEY_USAGE;
            default -> KmsFailure.Kind.OTHER;
        };
        return new KmsFailure(kind, e.getMessage());
    }
}
