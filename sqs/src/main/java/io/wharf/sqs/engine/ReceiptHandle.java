package io.wharf.sqs.engine;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A receipt handle that describes itself to this engine and to nobody else: which queue (by number), which message
 * (by ordinal) and which receive of it, encrypted and authenticated. Deleting by handle is then a map lookup that
 * survives restarts (the key is in the store, wrapped by the master key), garbage and forgeries are told apart from
 * handles of messages that are gone, and a handle names its queue so another queue refuses it.
 *
 * <p>Wire form (version 2): URL-safe base64, no padding, of {@code 02 | siv(16) | ciphertext(20)}. The plaintext is
 * {@code queueNumber(8) ordinal(8) receiveCount(4)}; {@code siv} is HMAC-SHA256 over {@code 02 | plaintext},
 * truncated to 16 bytes, and the ciphertext is AES-256-CTR of the plaintext with {@code siv} as its counter block.
 * This is the synthetic-IV construction (RFC 5297's, with HMAC in place of CMAC): deterministic — the same receive
 * of the same message always gets the same handle — with no nonce to keep unique, and the tag checks the
 * plaintext after decryption. Each (queue, ordinal, receive) is issued once, so equal handles reveal nothing new.
 * The two AES and HMAC keys are derived from the one stored secret.
 *
 * <p>Version 1 handles ({@code 01 | plaintext | HMAC(16)} under the secret itself, signed but readable: their queue
 * numbers and ordinals tell send times) are still accepted, so messages received before an upgrade can be deleted;
 * they are never issued again.
 */
record ReceiptHandle(long queueNumber, long ordinal, int receiveCount) {
    private static final byte LEGACY = 1;
    private static final byte VERSION = 2;
    private static final int PLAIN = 8 + 8 + 4;
    private static final int SIV = 16;
    private static final int LENGTH = 1 + SIV + PLAIN;
    private static final int LEGACY_LENGTH = 1 + PLAIN + 16;
    private static final int MAX_TEXT = 100;

    /** Seals and opens handles with one engine's secret. Thread-safe. */
    static final class Codec {
        private final SecretKeySpec macKey;
        private final SecretKeySpec encryptionKey;
        private final SecretKeySpec legacyKey;
        /**
         * Initialised Mac/Cipher pairs. Requests run on fresh virtual threads, so a ThreadLocal would never be hit
         * again; a pool gives each concurrent caller one, and there are never more than there were callers at once.
         */
        private final ConcurrentLinkedQueue<Primitives> pool = new ConcurrentLinkedQueue<>();

        Codec(byte[] secret) {
            if (secret.length != 32) {
                throw new IllegalArgumentException("a receipt-handle secret is 32 bytes");
            }
            this.legacyKey = new SecretKeySpec(secret, "HmacSHA256");
            this.macKey = new SecretKeySpec(derive(secret, "wharf sqs receipt handle mac"), "HmacSHA256");
            this.encryptionKey = new SecretKeySpec(derive(secret, "wharf sqs receipt handle encryption"), "AES");
        }

        String encode(ReceiptHandle handle) {
            byte[] out = new byte[LENGTH];
            out[0] = VERSION;
            ByteBuffer.wrap(out, 1 + SIV, PLAIN).putLong(handle.queueNumber()).putLong(handle.ordinal())
                    .putInt(handle.receiveCount());
            Primitives p = take();
            try {
                p.mac.update(VERSION);
                p.mac.update(out, 1 + SIV, PLAIN);
                System.arraycopy(p.mac.doFinal(), 0, out, 1, SIV);
                p.cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new IvParameterSpec(out, 1, SIV));
                p.cipher.doFinal(out, 1 + SIV, PLAIN, out, 1 + SIV);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-CTR with a 32-byte key and a 16-byte IV", e);
            } finally {
                pool.offer(p);
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        }

        /** The handle, or null when the text is not a handle this engine issued. */
        ReceiptHandle parse(String text) {
            if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
                return null;
            }
            byte[] bytes;
            try {
                bytes = Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (bytes.length == LENGTH && bytes[0] == VERSION) {
                return open(bytes);
            }
            if (bytes.length == LEGACY_LENGTH && bytes[0] == LEGACY) {
                return openLegacy(bytes);
            }
            return null;
        }

        private ReceiptHandle open(byte[] bytes) {
            byte[] plain = new byte[PLAIN];
            Primitives p = take();
            try {
                p.cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new IvParameterSpec(bytes, 1, SIV));
                p.cipher.doFinal(bytes, 1 + SIV, PLAIN, plain, 0);
                p.mac.update(VERSION);
                p.mac.update(plain);
                byte[] expected = Arrays.copyOf(p.mac.doFinal(), SIV);
                if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, 1, 1 + SIV))) {
                    return null;
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-CTR with a 32-byte key and a 16-byte IV", e);
            } finally {
                pool.offer(p);
            }
            ByteBuffer buffer = ByteBuffer.wrap(plain);
            return new ReceiptHandle(buffer.getLong(), buffer.getLong(), buffer.getInt());
        }

        private ReceiptHandle openLegacy(byte[] bytes) {
            byte[] expected;
            try {
                Mac mac = Mac.getInstance("HmacSHA256"); // old handles are rare: no pool
                mac.init(legacyKey);
                mac.update(bytes, 0, 1 + PLAIN);
                expected = Arrays.copyOf(mac.doFinal(), 16);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 with a 32-byte key", e);
            }
            if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, 1 + PLAIN, LEGACY_LENGTH))) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, PLAIN);
            return new ReceiptHandle(buffer.getLong(), buffer.getLong(), buffer.getInt());
        }

        private Primitives take() {
            Primitives p = pool.poll();
            if (p != null) {
                return p;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(macKey);
                return new Primitives(mac, Cipher.getInstance("AES/CTR/NoPadding"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every JDK has HmacSHA256 and AES/CTR", e);
            }
        }

        private static byte[] derive(byte[] secret, String label) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 with a 32-byte key", e);
            }
        }
    }

    /** One caller's Mac (keyed; doFinal resets it) and Cipher (initialised per use: each handle has its IV). */
    private record Primitives(Mac mac, Cipher cipher) {
    }
}
