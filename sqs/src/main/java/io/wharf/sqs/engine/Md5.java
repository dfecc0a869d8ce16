package io.wharf.sqs.engine;

import io.wharf.protocol.Hashes;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** The digests SDKs verify (sqs.md §3.10). Getting a byte wrong makes the Java SDK reject every message. */
public final class Md5 {
    private Md5() {
    }

    public static String ofBody(String body) {
        return hex(body.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #ofBody}, of a body already in UTF-8. */
    public static String ofUtf8(byte[] body) {
        return hex(body);
    }

    /**
     * MD5 over attributes sorted by name: for each {@code len(name) name len(type) type tt len(value) value},
     * lengths as 4-byte big-endian, tt = 1 for string values, 2 for binary ones. Null when there are none,
     * because an MD5 of nothing breaks SDKs that expect no MD5 at all.
     */
    public static String ofAttributes(Map<String, MessageAttributeValue> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, MessageAttributeValue> e : new TreeMap<>(attributes).entrySet()) {
            MessageAttributeValue value = e.getValue();
            writeLengthPrefixed(out, e.getKey().getBytes(StandardCharsets.UTF_8));
            writeLengthPrefixed(out, value.dataType().getBytes(StandardCharsets.UTF_8));
            if (value.binaryValue() != null) {
                out.write(2);
                writeLengthPrefixed(out, value.binaryValue());
            } else {
                out.write(1);
                writeLengthPrefixed(out, value.stringValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return hex(out.toByteArray());
    }

    private static void writeLengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(Hashes.md5().digest(bytes));
    }
}
