package io.wharf.mq.broker.rabbitmq;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * RabbitMQ's {@code rabbit_password_hashing_sha256} form, so a password reaches the node only as a salted hash in a
 * definitions file: base64 of a 4-byte random salt followed by SHA-256(salt ‖ UTF-8 password).
 */
final class PasswordHash {
    static final String ALGORITHM = "rabbit_password_hashing_sha256";
    private static final int SALT_BYTES = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return hash(salt, password);
    }

    static String hash(byte[] salt, String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            byte[] digest = sha256.digest(password.getBytes(StandardCharsets.UTF_8));
            byte[] salted = new byte[salt.length + digest.length];
            System.arraycopy(salt, 0, salted, 0, salt.length);
            System.arraycopy(digest, 0, salted, salt.length, digest.length);
            return Base64.getEncoder().encodeToString(salted);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
