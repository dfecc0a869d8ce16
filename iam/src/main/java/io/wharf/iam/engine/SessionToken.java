package io.wharf.iam.engine;

import io.wharf.protocol.auth.Principal;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static io.wharf.storage.RecordCodec.readMap;
import static io.wharf.storage.RecordCodec.readNullable;
import static io.wharf.storage.RecordCodec.readString;
import static io.wharf.storage.RecordCodec.writeMap;
import static io.wharf.storage.RecordCodec.writeNullable;
import static io.wharf.storage.RecordCodec.writeString;

/**
 * Self-contained session tokens: nothing about a session is stored, the token carries it. A token is base64 of a
 * version byte, a 12-byte nonce and the AES-256-GCM sealing of the session's facts; the key lives in the store
 * ({@code iam.meta}), so tokens outlive a restart, and GCM's tag makes any change to a token a token that does not
 * open. Its size is bounded by what it carries: a session policy of at most 2,048 characters and at most 50 tags.
 */
final class SessionToken {
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;

    /**
     * What a session is.
     *
     * @param userId  {@code AROA…:session} for a role session, the user's {@code AIDA…} id, or the account id for root
     * @param roleId  the role's unique id (a session ends with its role), null for user and root sessions
     * @param tags    the session tags (role sessions), on top of the role's own tags
     */
    record Facts(String accessKeyId, String secretAccessKey, Principal.Type type, String accountId, String arn,
                 String userId, String name, String roleArn, String roleId, String sessionPolicy,
                 Map<String, String> tags, long expiresMillis) {
    }

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SessionToken(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    String seal(Facts f) {
        ByteArrayOutputStream plain = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(plain)) {
            writeString(out, f.accessKeyId());
            writeString(out, f.secretAccessKey());
            out.writeByte(f.type().ordinal());
            writeString(out, f.accountId());
            writeString(out, f.arn());
            writeString(out, f.userId());
            writeNullable(out, f.name());
            writeNullable(out, f.roleArn());
            writeNullable(out, f.roleId());
            writeNullable(out, f.sessionPolicy());
            writeMap(out, f.tags());
            out.writeLong(f.expiresMillis());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, plain.toByteArray());
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                .put(VERSION).put(nonce).put(sealed).array());
    }

    /** The token's facts, or null for anything this key did not seal (garbled, tampered, another server's). */
    Facts open(String token) {
        try {
            byte[] bytes = Base64.getDecoder().decode(token);
            if (bytes.length < 1 + NONCE_BYTES + 16 || bytes[0] != VERSION) {
                return null;
            }
            byte[] nonce = java.util.Arrays.copyOfRange(bytes, 1, 1 + NONCE_BYTES);
            byte[] plain = cipher(Cipher.DECRYPT_MODE, nonce,
                    java.util.Arrays.copyOfRange(bytes, 1 + NONCE_BYTES, bytes.length));
            if (plain == null) {
                return null;
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain));
            return new Facts(readString(in), readString(in), Principal.Type.values()[in.readByte()], readString(in),
                    readString(in), readString(in), readNullable(in), readNullable(in), readNullable(in),
                    readNullable(in), readMap(in), in.readLong());
        } catch (IllegalArgumentException | IOException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** Encrypts, or decrypts and authenticates (null when the tag does not match). */
    private byte[] cipher(int mode, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
            return cipher.doFinal(input);
        } catch (javax.crypto.AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }
}
