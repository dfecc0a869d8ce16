package io.wharf.bench.floor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The digests SQS answers and the SDK checks: of a body ({@code MD5OfMessageBody}, {@code MD5OfBody}) and of the
 * message attributes ({@code MD5OfMessageAttributes}: names in order, each name, data type, transport type
 * (1 for String and Number, 2 for Binary) and value, the strings length-prefixed with 4 big-endian bytes).
 */
final class Md5 {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte STRING = 1;
    private static final byte BINARY = 2;

    /** One message attribute as sent: a string value, or binary for data types starting "Binary". */
    record Attribute(String dataType, String stringValue, byte[] binaryValue) {
    }

    private Md5() {
    }

    static String ofBody(String body) {
        return HEX.formatHex(digest().digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    static String ofAttributes(Map<String, Attribute> attributes) {
        MessageDigest md5 = digest();
        for (Map.Entry<String, Attribute> entry : new TreeMap<>(attributes).entrySet()) {
            Attribute attribute = entry.getValue();
            lengthPrefixed(md5, entry.getKey().getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(md5, attribute.dataType().getBytes(StandardCharsets.UTF_8));
            if (attribute.dataType().startsWith("Binary")) {
                md5.update(BINARY);
                lengthPrefixed(md5, attribute.binaryValue() == null ? new byte[0] : attribute.binaryValue());
            } else {
                md5.update(STRING);
                lengthPrefixed(md5, (attribute.stringValue() == null ? "" : attribute.stringValue())
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return HEX.formatHex(md5.digest());
    }

    private static void lengthPrefixed(MessageDigest md5, byte[] bytes) {
        md5.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        md5.update(bytes);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
