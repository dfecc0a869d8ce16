package io.wharf.sqs.engine;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * A receipt handle that describes itself: which queue (by number), which message (by ordinal) and which
 * receive of it, sealed with an HMAC so that garbage and forgeries are told apart from handles of messages that
 * are gone. Deleting by handle is then a map lookup that survives restarts (the HMAC key is in the store).
 *
 * <p>Wire form: URL-safe base64 of {@code version(1) queueNumber(8) ordinal(8) receiveCount(4) mac(16)}.
 */
record ReceiptHandle(long queueNumber, long ordinal, int receiveCount) {
    private static final byte VERSION = 1;
    private static final int BODY = 1 + 8 + 8 + 4;
    private static final int MAC = 16;

    String encode(byte[] secret) {
        ByteBuffer buffer = ByteBuffer.allocate(BODY + MAC);
        buffer.put(VERSION).putLong(queueNumber).putLong(ordinal).putInt(receiveCount);
        buffer.put(mac(secret, buffer.array(), BODY));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /** The handle, or null when the text is not a handle this engine issued. */
    static ReceiptHandle parse(String text, byte[] secret) {
        if (text == null || text.isEmpty() || text.length() > 100) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length != BODY + MAC || bytes[0] != VERSION) {
            return null;
        }
        byte[] expected = mac(secret, bytes, BODY);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, BODY, BODY + MAC))) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, BODY - 1);
        return new ReceiptHandle(buffer.getLong(), buffer.getLong(), buffer.getInt());
    }

    private static byte[] mac(byte[] secret, byte[] data, int length) {
        Mac mac;
        try {
            // Requests run on fresh virtual threads, so a ThreadLocal<Mac> never hits: clone a keyed prototype,
            // which skips the provider lookup and the key setup of Mac.getInstance + init.
            mac = (Mac) PROTOTYPES.computeIfAbsent(java.nio.ByteBuffer.wrap(secret.clone()), ReceiptHandle::prototype)
                    .clone();
        } catch (CloneNotSupportedException e) {
            mac = prototype(java.nio.ByteBuffer.wrap(secret));
        }
        mac.update(data, 0, length);
        return Arrays.copyOf(mac.doFinal(), MAC);
    }

    private static Mac prototype(java.nio.ByteBuffer secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] key = new byte[secret.remaining()];
            secret.duplicate().get(key);
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256 and takes a 32-byte key", e);
        }
    }

    /** One initialised Mac per receipt secret (one per store in practice). */
    private static final java.util.concurrent.ConcurrentMap<java.nio.ByteBuffer, Mac> PROTOTYPES =
            new java.util.concurrent.ConcurrentHashMap<>();
}
