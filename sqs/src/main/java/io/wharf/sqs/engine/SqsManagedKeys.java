package io.wharf.sqs.engine;

import io.wharf.protocol.crypto.DataKeys;
import io.wharf.protocol.crypto.KmsFailure;
import io.wharf.storage.crypto.MasterKey;

import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;

/**
 * SSE-SQS: data keys that Wharf manages itself, as AWS's SQS-owned keys are not KMS keys the account can see
 * (no ListKeys entry, no key policy, never disabled). A data key is 32 random bytes wrapped directly by the
 * {@link MasterKey}, with the queue's encryption context in the purpose, so it opens only for that queue and
 * only with this data directory's master key.
 */
public final class SqsManagedKeys implements DataKeys {
    /** What {@link DataKey#keyArn()} says for these keys (there is no KMS key). */
    public static final String KEY_NAME = "SSE-SQS";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MasterKey master;

    public SqsManagedKeys(MasterKey master) {
        this.master = master;
    }

    @Override
    public DataKey generate(String accountId, String keyId, Map<String, String> context) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new DataKey(KEY_NAME, key, master.wrap(key, purpose(accountId, context)));
    }

    @Override
    public byte[] decrypt(String accountId, byte[] blob, Map<String, String> context) throws KmsFailure {
        try {
            return master.unwrap(blob, purpose(accountId, context));
        } catch (MasterKey.WrongKeyException e) {
            throw new KmsFailure(KmsFailure.Kind.INVALID_CIPHERTEXT, e.getMessage());
        }
    }

    @Override
    public String resolve(String accountId, String keyId) {
        return KEY_NAME;
    }

    private static String purpose(String accountId, Map<String, String> context) {
        return "sqs-managed-sse " + accountId + " " + new TreeMap<>(context);
    }
}
