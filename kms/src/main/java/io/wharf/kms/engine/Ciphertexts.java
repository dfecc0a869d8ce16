package io.wharf.kms.engine;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The ciphertext blobs Encrypt and GenerateDataKey hand out, and how they open. Layout:
 * <pre>
 * version(1) = 1 | key id (16, the key's UUID) | material version (4, big-endian) | nonce (12) | AES-256-GCM ct + tag(16)
 * </pre>
 * The first 33 bytes (the header) and the encryption context, canonicalised (pairs sorted by key, each string as a
 * 4-byte length and UTF-8), are the GCM's authenticated data: a changed header or another context fails the tag.
 * The key id in clear is what lets Decrypt find the key without a {@code KeyId}, as AWS's blobs do.
 */
public final class Ciphertexts {
    static final byte VERSION = 1;
    static final int HEADER = 1 + 16 + 4 + 12;
    static final int TAG = 16;

    private Ciphertexts() {
    }

    /** The key id a blob names, or null when it is not one of ours. */
    public static String keyId(byte[] blob) {
        if (blob == null || blob.length < HEADER + TAG || blob[0] != VERSION) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(blob, 1, 16);
        return new UUID(in.getLong(), in.getLong()).toString();
    }

    static int materialVersion(byte[] blob) {
        return ByteBuffer.wrap(blob, 17, 4).getInt();
    }

    static byte[] seal(String keyId, KeyMaterial material, byte[] plaintext, Map<String, String> context,
                       SecureRandom random) {
        UUID uuid = UUID.fromString(keyId);
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        header.put(VERSION).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
                .putInt(material.version()).put(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(material.plaintext(), "AES"),
                    new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(header.array());
            cipher.updateAAD(canonical(context));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[HEADER + sealed.length];
            System.arraycopy(header.array(), 0, out, 0, HEADER);
            System.arraycopy(sealed, 0, out, HEADER, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The plaintext, or null when the blob was altered or the context is not the one it was sealed with. */
    static byte[] open(KeyMaterial material, byte[] blob, Map<String, String> context) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(material.plaintext(), "AES"),
                    new GCMParameterSpec(TAG * 8, blob, 1 + 16 + 4, 12));
            cipher.updateAAD(blob, 0, HEADER);
            cipher.updateAAD(canonical(context));
            return cipher.doFinal(blob, HEADER, blob.length - HEADER);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    static byte[] canonical(Map<String, String> context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : new TreeMap<>(context == null ? Map.<String, String>of() : context)
                .entrySet()) {
            write(out, e.getKey());
            write(out, e.getValue());
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
