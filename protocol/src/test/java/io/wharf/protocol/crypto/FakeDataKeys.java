package io.wharf.protocol.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A KMS for engine tests: keys by id, each with a state a test can change; data keys wrapped by a per-key AES
 * key with the encryption context as authenticated data, so a wrong context fails as KMS's would. Counts its
 * calls, so tests can show that data keys are reused.
 */
public final class FakeDataKeys implements DataKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    private final Map<String, KmsFailure.Kind> refusals = new ConcurrentHashMap<>();
    public final AtomicInteger generated = new AtomicInteger();
    public final AtomicInteger decrypted = new AtomicInteger();

    /** Adds a usable key; returns its ARN. */
    public String create(String keyId) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        keys.put(keyId, key);
        return arn(keyId);
    }

    /** Makes every use of {@code keyId} fail with {@code kind} (null: usable again). */
    public void refuse(String keyId, KmsFailure.Kind kind) {
        if (kind == null) {
            refusals.remove(keyId);
        } else {
            refusals.put(keyId, kind);
        }
    }

    public static String arn(String keyId) {
        return "arn:aws:kms:us-east-1:000000000000:key/" + keyId;
    }

    @Override
    public DataKey generate(String accountId, String keyId, Map<String, String> context) throws KmsFailure {
        byte[] master = usable(keyId);
        generated.incrementAndGet();
        byte[] plaintext = new byte[32];
        RANDOM.nextBytes(plaintext);
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, master, new byte[12], plaintext, context);
        byte[] blob = new byte[1 + id.length + sealed.length];
        blob[0] = (byte) id.length;
        System.arraycopy(id, 0, blob, 1, id.length);
        System.arraycopy(sealed, 0, blob, 1 + id.length, sealed.length);
        return new DataKey(arn(keyId), plaintext, blob);
    }

    @Override
    public byte[] decrypt(String accountId, byte[] blob, Map<String, String> context) throws KmsFailure {
        String keyId = new String(blob, 1, blob[0], StandardCharsets.UTF_8);
        byte[] master = usable(keyId);
        decrypted.incrementAndGet();
        byte[] sealed = java.util.Arrays.copyOfRange(blob, 1 + blob[0], blob.length);
        try {
            return crypt(Cipher.DECRYPT_MODE, master, new byte[12], sealed, context);
        } catch (IllegalStateException e) {
            throw new KmsFailure(KmsFailure.Kind.INVALID_CIPHERTEXT, null);
        }
    }

    @Override
    public String resolve(String accountId, String keyId) throws KmsFailure {
        usable(keyId);
        return arn(keyId);
    }

    private byte[] usable(String keyId) throws KmsFailure {
        byte[] key = keys.get(keyId);
        if (key == null) {
            throw new KmsFailure(KmsFailure.Kind.NOT_FOUND, "Key '" + arn(keyId) + "' does not exist");
        }
        KmsFailure.Kind refusal = refusals.get(keyId);
        if (refusal != null) {
            throw new KmsFailure(refusal, arn(keyId) + " is " + refusal);
        }
        return key;
    }

    private static byte[] crypt(int mode, byte[] key, byte[] nonce, byte[] input, Map<String, String> context) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(new TreeMap<>(context).toString().getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
