package io.wharf.protocol.restxml;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.wire.WireRequest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The digests a client sends with a document payload (an XML configuration, DeleteObjects' list, a policy), checked
 * against the bytes read, as S3 checks them: {@code Content-MD5} (BadDigest when it differs, InvalidDigest when it is no
 * base64 MD5) and {@code x-amz-checksum-crc32}, {@code -crc32c}, {@code -sha1}, {@code -sha256} (BadDigest; InvalidRequest
 * when not base64). Streamed object bodies are the S3 service's to check as it stores them. Other algorithms
 * ({@code crc64nvme}) are not checked here.
 */
final class PayloadDigests {
    private PayloadDigests() {
    }

    /**
     * Where signatures are not verified (authentication off), S3 still holds the body to a hex
     * {@code x-amz-content-sha256}: XAmzContentSHA256Mismatch when it is not the body's (with both hashes, as S3 names
     * them). Where signatures are verified the verifier checks it. The body is hashed as received (a spooled one from
     * its file, streamed); aws-chunked and unsigned payloads declare no hash.
     */
    static void checkContentSha256(WireRequest request) {
        String declared = request.header("x-amz-content-sha256");
        if (declared == null || !declared.trim().matches("[0-9a-fA-F]{64}")) {
            return;
        }
        MessageDigest sha256 = messageDigest("SHA-256");
        try (java.io.InputStream in = request.openBody()) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                sha256.update(buffer, 0, read);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String computed = java.util.HexFormat.of().formatHex(sha256.digest());
        if (!computed.equalsIgnoreCase(declared.trim())) {
            throw AwsException.client("XAmzContentSHA256Mismatch",
                    "The provided 'x-amz-content-sha256' header does not match what was computed.")
                    .with("ClientComputedContentSHA256", declared.trim()).with("S3ComputedContentSHA256", computed);
        }
    }

    static void check(WireRequest request, byte[] payload) {
        String md5 = request.header("content-md5");
        if (md5 != null) {
            byte[] declared = decode(md5.trim());
            if (declared == null || declared.length != 16) {
                throw AwsException.client("InvalidDigest", "The Content-MD5 you specified was invalid.");
            }
            if (!MessageDigest.isEqual(declared, digest("MD5", payload))) {
                throw AwsException.client("BadDigest", "The Content-MD5 you specified did not match what we received.");
            }
        }
        checksum(request, "crc32", "CRC32", payload);
        checksum(request, "crc32c", "CRC32C", payload);
        checksum(request, "sha1", "SHA1", payload);
        checksum(request, "sha256", "SHA256", payload);
    }

    private static void checksum(WireRequest request, String algorithm, String name, byte[] payload) {
        String value = request.header("x-amz-checksum-" + algorithm);
        if (value == null) {
            return;
        }
        byte[] declared = decode(value.trim());
        if (declared == null) {
            throw AwsException.client("InvalidRequest", "Value for x-amz-checksum-" + algorithm
                    + " header is invalid.");
        }
        byte[] actual = switch (algorithm) {
            case "crc32" -> crc(new CRC32(), payload);
            case "crc32c" -> crc(new CRC32C(), payload);
            case "sha1" -> digest("SHA-1", payload);
            default -> digest("SHA-256", payload);
        };
        if (!MessageDigest.isEqual(declared, actual)) {
            throw AwsException.client("BadDigest", "The " + name + " you specified did not match the calculated "
                    + "checksum.");
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] crc(Checksum checksum, byte[] payload) {
        checksum.update(payload, 0, payload.length);
        long value = checksum.getValue();
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static byte[] digest(String algorithm, byte[] payload) {
        return messageDigest(algorithm).digest(payload);
    }

    private static MessageDigest messageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
