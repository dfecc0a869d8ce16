package io.wharf.protocol.eventstream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * One message of the AWS event-stream encoding ({@code application/vnd.amazon.eventstream}; kinesis.md §1.6):
 * <pre>
 * total length (4) | headers length (4) | prelude CRC32 (4) | headers | payload | message CRC32 (4)
 * header: name length (1) | name (UTF-8) | value type (1, 7 = string) | value length (2) | value (UTF-8)
 * </pre>
 * All integers big-endian; CRC32 is {@link CRC32}'s. Wharf writes only string headers; {@link #decode} reads
 * every value type (for tests and clients of the format).
 *
 * @param headers in order, e.g. {@code :message-type}, {@code :event-type}, {@code :content-type}
 */
public record EventStreamMessage(Map<String, String> headers, byte[] payload) {
    private static final int PRELUDE = 12;
    private static final int STRING = 7;
    /** The encoding's own limits: a header value ≤ 32 KiB, a message ≤ 16 MiB. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    public EventStreamMessage {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** An event: {@code :message-type event}, {@code :event-type}, {@code :content-type}. */
    public static EventStreamMessage event(String eventType, String contentType, byte[] payload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":message-type", "event");
        headers.put(":event-type", eventType);
        headers.put(":content-type", contentType);
        return new EventStreamMessage(headers, payload);
    }

    /** A modeled exception in the middle of a stream, e.g. ResourceInUseException with {"message": …}. */
    public static EventStreamMessage exception(String exceptionType, String contentType, byte[] payload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":message-type", "exception");
        headers.put(":exception-type", exceptionType);
        headers.put(":content-type", contentType);
        return new EventStreamMessage(headers, payload);
    }

    /** An unmodeled error: code and message in headers, no payload. */
    public static EventStreamMessage error(String code, String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":message-type", "error");
        headers.put(":error-code", code);
        headers.put(":error-message", message);
        return new EventStreamMessage(headers, new byte[0]);
    }

    public byte[] encode() {
        ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
        headers.forEach((name, value) -> {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            if (n.length > 255 || v.length > 32 * 1024) {
                throw new IllegalArgumentException("event-stream header too long: " + name);
            }
            headerBytes.write(n.length);
            headerBytes.writeBytes(n);
            headerBytes.write(STRING);
            headerBytes.write(v.length >>> 8);
            headerBytes.write(v.length & 0xff);
            headerBytes.writeBytes(v);
        });
        int headersLength = headerBytes.size();
        int total = PRELUDE + headersLength + payload.length + 4;
        if (total > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("event-stream message of " + total + " bytes is over 16 MiB");
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        out.putInt(total).putInt(headersLength);
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, 8);
        out.putInt((int) crc.getValue());
        out.put(headerBytes.toByteArray()).put(payload);
        crc.reset();
        crc.update(out.array(), 0, total - 4);
        out.putInt((int) crc.getValue());
        return out.array();
    }

    /**
     * Reads one message from the start of {@code buffer}, advancing it; null when the buffer does not hold a whole
     * message yet.
     *
     * @throws IllegalArgumentException on a bad CRC or malformed headers
     */
    public static EventStreamMessage decode(ByteBuffer buffer) {
        if (buffer.remaining() < PRELUDE) {
            return null;
        }
        int start = buffer.position();
        int total = buffer.getInt(start);
        int headersLength = buffer.getInt(start + 4);
        if (total < PRELUDE + 4 || headersLength < 0 || headersLength > total - PRELUDE - 4) {
            throw new IllegalArgumentException("malformed event-stream prelude");
        }
        if (total > MAX_MESSAGE_BYTES) {
            // Else a reader waits for (and buffers) up to 2 GiB a prelude merely claims.
            throw new IllegalArgumentException("event-stream message of " + total + " bytes is over 16 MiB");
        }
        if (buffer.remaining() < total) {
            return null;
        }
        byte[] message = new byte[total];
        buffer.get(message);
        CRC32 crc = new CRC32();
        crc.update(message, 0, 8);
        if ((int) crc.getValue() != ByteBuffer.wrap(message, 8, 4).getInt()) {
            throw new IllegalArgumentException("event-stream prelude CRC mismatch");
        }
        crc.reset();
        crc.update(message, 0, total - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(message, total - 4, 4).getInt()) {
            throw new IllegalArgumentException("event-stream message CRC mismatch");
        }
        ByteBuffer h = ByteBuffer.wrap(message, PRELUDE, headersLength);
        Map<String, String> headers = new LinkedHashMap<>();
        try {
            readHeaders(h, headers);
        } catch (java.nio.BufferUnderflowException e) {
            // A name or value longer than what is left of the headers section (fuzzing finding F3).
            throw new IllegalArgumentException("malformed event-stream headers: a header runs past their end");
        }
        byte[] payload = java.util.Arrays.copyOfRange(message, PRELUDE + headersLength, total - 4);
        return new EventStreamMessage(headers, payload);
    }

    private static void readHeaders(ByteBuffer h, Map<String, String> headers) {
        while (h.hasRemaining()) {
            byte[] name = new byte[h.get() & 0xff];
            h.get(name);
            int type = h.get();
            String value = switch (type) {
                case 0 -> "true";
                case 1 -> "false";
                case 2 -> Byte.toString(h.get());
                case 3 -> Short.toString(h.getShort());
                case 4 -> Integer.toString(h.getInt());
                case 5, 8 -> Long.toString(h.getLong());
                case 6, 7 -> {
                    byte[] v = new byte[h.getShort() & 0xffff];
                    h.get(v);
                    yield type == 7 ? new String(v, StandardCharsets.UTF_8)
                            : java.util.Base64.getEncoder().encodeToString(v);
                }
                case 9 -> {
                    long high = h.getLong();
                    yield new java.util.UUID(high, h.getLong()).toString();
                }
                default -> throw new IllegalArgumentException("unknown event-stream header type " + type);
            };
            headers.put(new String(name, StandardCharsets.UTF_8), value);
        }
    }
}
