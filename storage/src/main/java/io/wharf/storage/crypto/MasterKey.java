package io.wharf.storage.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The key that wraps every other secret Wharf keeps at rest: KMS key material, the TLS private key, the SNS
 * signing key, the SQS receipt-handle key and the Kinesis iterator key. It never enters the store; it lives in
 * {@code --master-key-file} (default {@code <data-dir>/master-key}), 32 random bytes as 64 hex digits, created
 * 0600 on first start.
 *
 * <p>{@link #wrap} is AES-256-GCM with a fresh 12-byte nonce; the {@code purpose} is authenticated data, so a
 * secret wrapped for one use cannot be unwrapped as another. Layout: {@code version(1) | nonce(12) | ct+tag}.
 */
public final class MasterKey {
    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private MasterKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a master key is 32 bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A key for this process only: {@code --in-memory} servers and tests. */
    public static MasterKey ephemeral() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new MasterKey(key);
    }

    /** A fixed key (tests). */
    public static MasterKey of(byte[] key) {
        return new MasterKey(key.clone());
    }

    /**
     * The key in {@code file}, created (0600, parent directories 0700) when there is none.
     *
     * @throws IOException if it cannot be read or created, or does not hold 64 hex digits
     */
    public static MasterKey loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        String text = Files.readString(file).strip();
        byte[] key;
        try {
            key = HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not hold a master key (64 hex digits)");
        }
        if (key.length != 32) {
            throw new IOException(file + " does not hold a master key (64 hex digits)");
        }
        return new MasterKey(key);
    }

    private static void create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return;
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, HexFormat.of().formatHex(key) + "\n", StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.SYNC);
        Arrays.fill(key, (byte) 0);
    }

    /** Seals {@code plaintext} for {@code purpose} (authenticated, not secret). */
    public byte[] wrap(byte[] plaintext, String purpose) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[1 + NONCE + sealed.length];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE);
            System.arraycopy(sealed, 0, out, 1 + NONCE, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * Opens what {@link #wrap} sealed for the same {@code purpose}.
     *
     * @throws WrongKeyException if it was sealed by another master key, for another purpose, or was altered
     */
    public byte[] unwrap(byte[] wrapped, String purpose) {
        if (wrapped.length < 1 + NONCE + 16 || wrapped[0] != VERSION) {
            throw new WrongKeyException("not a wrapped secret (" + purpose + ")");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, wrapped, 1, NONCE));
            cipher.updateAAD(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return cipher.doFinal(wrapped, 1 + NONCE, wrapped.length - 1 - NONCE);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new WrongKeyException("the master key does not open " + purpose
                    + " (another master key, or the data was altered)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** A wrapped secret that this master key cannot open. */
    public static final class WrongKeyException extends RuntimeException {
        public WrongKeyException(String message) {
            super(message);
        }
    }
}
