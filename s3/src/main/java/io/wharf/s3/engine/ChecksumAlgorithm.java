package io.wharf.s3.engine;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The additional checksums S3 computes and verifies ({@code x-amz-checksum-*}). Values travel base64-encoded: the
 * big-endian bytes of a CRC, the digest bytes of a SHA. CRC64NVME is the one S3 adds by default when a client asks for
 * none; the CRCs can be FULL_OBJECT for multipart uploads, the SHAs only COMPOSITE.
 */
public enum ChecksumAlgorithm {
    CRC32(4), CRC32C(4), SHA1(20), SHA256(32), CRC64NVME(8);

    private final int length;

    ChecksumAlgorithm(int length) {
        this.length = length;
    }

    /** The header that carries a value of this algorithm, e.g. {@code x-amz-checksum-crc32}. */
    public String header() {
        return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    /** The name AWS uses in messages ({@code CRC32}, {@code SHA256}). */
    public String display() {
        return name();
    }

    /** Whether a base64 value has this algorithm's length (a malformed value is InvalidRequest, not BadDigest). */
    public boolean wellFormed(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length == length;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean isCrc() {
        return this != SHA1 && this != SHA256;
    }

    /** The algorithm named by a request ({@code crc32}, {@code CRC32}), or null when not one of these. */
    public static ChecksumAlgorithm parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A running computation of this checksum. */
    public Running start() {
        return switch (this) {
            case CRC32 -> new Crc(new CRC32(), 4);
            case CRC32C -> new Crc(new CRC32C(), 4);
            case CRC64NVME -> new Crc(new Crc64Nvme(), 8);
            case SHA1 -> new Sha("SHA-1");
            case SHA256 -> new Sha("SHA-256");
        };
    }

    /** The base64 checksum of {@code data}. */
    public String of(byte[] data) {
        Running r = start();
        r.update(data, 0, data.length);
        return r.base64();
    }

    /** A checksum being computed over a stream of bytes. */
    public interface Running {
        void update(byte[] bytes, int offset, int length);

        byte[] value();

        default String base64() {
            return Base64.getEncoder().encodeToString(value());
        }
    }

    private record Crc(Checksum crc, int bytes) implements Running {
        @Override
        public void update(byte[] data, int offset, int length) {
            crc.update(data, offset, length);
        }

        @Override
        public byte[] value() {
            long v = crc.getValue();
            return bytes == 4 ? ByteBuffer.allocate(4).putInt((int) v).array()
                    : ByteBuffer.allocate(8).putLong(v).array();
        }
    }

    private static final class Sha implements Running {
        private final MessageDigest digest;

        Sha(String algorithm) {
            try {
                digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void update(byte[] data, int offset, int length) {
            digest.update(data, offset, length);
        }

        @Override
        public byte[] value() {
            return digest.digest();
        }
    }
}
