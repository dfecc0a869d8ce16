package io.wharf.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.wharf.protocol.Swar;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.Shape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes an operation's output tree (timestamps as epoch milliseconds, blobs as binary nodes) in the
 * caller's encoding, walking the output shape so each timestamp and blob takes its wire form
 * ({@link JsonFormat}). Members the shape does not know are written as they are.
 */
public final class JsonEncoder {
    /** Strings at least this long are checked for the one-copy path ({@link #string}). */
    private static final int RAW_STRING_MIN = 64;

    private JsonEncoder() {
    }

    /** The response body; a null tree (no output shape) is an empty object. */
    public static byte[] encode(ObjectNode tree, Shape shape, JsonFormat format) {
        // the output buffer comes from the format's shared pool and goes back to it (JsonFormat)
        BufferRecycler recycler = format.mapper().getFactory()._getBufferRecycler();
        try {
            ByteArrayBuilder bytes = new ByteArrayBuilder(recycler);
            try (JsonGenerator out = format.mapper().createGenerator(bytes)) {
                if (tree == null) {
                    out.writeStartObject();
                    out.writeEndObject();
                } else {
                    write(out, tree, shape, format);
                }
            }
            return bytes.getClearAndRelease();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            recycler.releaseToPool();
        }
    }

    /** An error body: {@code {"__type": type, "message": message}} (no message member when null). */
    public static byte[] error(String type, String message, JsonFormat format) {
        return error(type, message, Map.of(), null, format);
    }

    /**
     * An error body with the error's structured members after the message ({@link io.wharf.protocol.AwsException#withMember}),
     * each written through {@code shape}'s member of that name when the model has the error shape (blobs in their
     * wire form), else as it is.
     */
    public static byte[] error(String type, String message, Map<String, JsonNode> members, Shape shape,
                               JsonFormat format) {
        ObjectNode body = format.mapper().createObjectNode();
        body.put("__type", type);
        if (message != null) {
            body.put("message", message);
        }
        members.forEach(body::set);
        return encode(body, shape, format);
    }

    private static void write(JsonGenerator out, JsonNode value, Shape shape, JsonFormat format) throws IOException {
        if (shape == null || value.isNull()) {
            scalar(out, value);
            return;
        }
        switch (shape.type()) {
            case STRUCTURE -> {
                out.writeStartObject();
                Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    Member member = shape.member(field.getKey());
                    out.writeFieldName(field.getKey());
                    write(out, field.getValue(), member == null ? null : member.shape(), format);
                }
                out.writeEndObject();
            }
            case LIST -> {
                out.writeStartArray();
                for (JsonNode element : value) {
                    write(out, element, shape.listMember().shape(), format);
                }
                out.writeEndArray();
            }
            case MAP -> {
                out.writeStartObject();
                Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    out.writeFieldName(field.getKey());
                    write(out, field.getValue(), shape.mapValue().shape(), format);
                }
                out.writeEndObject();
            }
            case TIMESTAMP -> timestamp(out, value.asLong(), format);
            case BLOB -> out.writeBinary(value.binaryValue());
            default -> scalar(out, value);
        }
    }

    /**
     * A value as {@code writeTree} writes it, the common kinds straight to the generator: {@code writeTree} goes
     * through the mapper's serializer machinery (a serializer provider made per call, a serializer looked up) for
     * each value, which JFR showed as a tenth of a receive's samples for its message bodies alone.
     */
    private static void scalar(JsonGenerator out, JsonNode value) throws IOException {
        if (value.isTextual()) {
            string(out, value.textValue());
        } else if (value.isInt()) {
            out.writeNumber(value.intValue());
        } else if (value.isLong()) {
            out.writeNumber(value.longValue());
        } else if (value.isBoolean()) {
            out.writeBoolean(value.booleanValue());
        } else {
            out.writeTree(value); // structures without a shape, other numbers, binary and POJO nodes
        }
    }

    /**
     * A string value. A long ASCII one that needs no escape (a message body, typically) goes out as its bytes in one
     * copy: Jackson's {@code writeString} copies the chars and checks each against its escape table, which JFR of
     * sqs-roundtrip put at a tenth of the server's samples, for the bodies of received messages alone. Anything else
     * (short, non-ASCII, with a quote, backslash or control character; CBOR) is Jackson's to write, as before.
     */
    private static void string(JsonGenerator out, String text) throws IOException {
        if (text.length() >= RAW_STRING_MIN && out instanceof UTF8JsonGenerator) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (bytes.length == text.length() && !Swar.needsJsonEscape(bytes) && ascii(text, bytes)) {
                out.writeRawUTF8String(bytes, 0, bytes.length); // ASCII is UTF-8; adds the quotes
                return;
            }
        }
        out.writeString(text);
    }

    /**
     * Whether {@code text} is the ASCII {@code bytes} says, given as many bytes as chars and none from 0x80 on: only
     * an unpaired surrogate also encodes to one byte, a {@code ?}, so a text with {@code ?}s is checked char by char.
     */
    private static boolean ascii(String text, byte[] bytes) {
        if (!Swar.hasQuestionMark(bytes)) {
            return true;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '?' && text.charAt(i) != '?') {
                return false;
            }
        }
        return true;
    }

    private static void timestamp(JsonGenerator out, long millis, JsonFormat format) throws IOException {
        if (format == JsonFormat.CBOR) {
            ((CBORGenerator) out).writeTag(1);
            out.writeNumber(millis);
        } else if (format == JsonFormat.RPC_V2_CBOR) {
            ((CBORGenerator) out).writeTag(1); // epoch seconds as a float64, as the SDKs send them
            out.writeNumber(millis / 1000.0);
        } else {
            out.writeNumber(BigDecimal.valueOf(millis, 3));
        }
    }
}
