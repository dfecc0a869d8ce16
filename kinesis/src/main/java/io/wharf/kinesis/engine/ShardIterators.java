package io.wharf.kinesis.engine;

import io.wharf.kinesis.KinesisErrors;

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
import java.util.Arrays;
import java.util.Base64;

/**
 * Opaque, self-contained shard iterators. An iterator is {@code 00 00 00 00 00 00 00 01} (as AWS's start)
 * followed by a 12-byte nonce and the AES-GCM sealing of (stream number, stream account/region/name, shard
 * index, position, issue time), base64. The key lives in the store, so iterators survive a restart; GCM's
 * tag makes any tampering an "Invalid ShardIterator." The position is the counter of the next record to
 * read — never a time, so successive iterators never move backwards.
 */
final class ShardIterators {
    static final long LIFETIME_MILLIS = 300_000;
    private static final byte[] HEADER = {0, 0, 0, 0, 0, 0, 0, 1};
    private static final byte VERSION = 1;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    ShardIterators(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** What an iterator says. */
    record Position(long streamNumber, String account, String region, String stream, int shardIndex, long counter,
                    long issuedMillis) {
    }

    String encode(Position p) {
        ByteArrayOutputStream plain = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(plain)) {
            out.writeByte(VERSION);
            out.writeLong(p.streamNumber());
            out.writeUTF(p.account());
            out.writeUTF(p.region());
            out.writeUTF(p.stream());
            out.writeInt(p.shardIndex());
            out.writeLong(p.counter());
            out.writeLong(p.issuedMillis());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain.toByteArray());
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(HEADER.length + nonce.length + sealed.length)
                    .put(HEADER).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * The iterator's position, checked for expiry against {@code nowMillis}.
     *
     * @throws io.wharf.protocol.AwsException InvalidArgumentException for anything not made here,
     *                                        ExpiredIteratorException after five minutes
     */
    Position decode(String iterator, long nowMillis) {
        Position p = open(iterator);
        if (p.issuedMillis() > nowMillis + 1000) {
            throw invalid();
        }
        if (nowMillis - p.issuedMillis() > LIFETIME_MILLIS) {
            throw KinesisErrors.iteratorExpired(p.issuedMillis(), nowMillis);
        }
        return p;
    }

    /** What a sealed iterator says, expired or not; InvalidArgumentException for anything not made here. */
    Position open(String iterator) {
        String text = iterator.length() > 1 && iterator.startsWith("\"") && iterator.endsWith("\"")
                ? iterator.substring(1, iterator.length() - 1) : iterator; // pasted back from CLI output
        Position p;
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            if (bytes.length < HEADER.length + 12 + 16 || !Arrays.equals(bytes, 0, HEADER.length, HEADER, 0, HEADER.length)) {
                throw invalid();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, HEADER.length, 12));
            byte[] plain = cipher.doFinal(bytes, HEADER.length + 12, bytes.length - HEADER.length - 12);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain));
            if (in.readByte() != VERSION) {
                throw invalid();
            }
            p = new Position(in.readLong(), in.readUTF(), in.readUTF(), in.readUTF(), in.readInt(), in.readLong(),
                    in.readLong());
        } catch (IllegalArgumentException | GeneralSecurityException | IOException e) {
            throw invalid();
        }
        return p;
    }

    static io.wharf.protocol.AwsException invalid() {
        return KinesisErrors.INVALID_ARGUMENT.error("Invalid ShardIterator.");
    }
}
