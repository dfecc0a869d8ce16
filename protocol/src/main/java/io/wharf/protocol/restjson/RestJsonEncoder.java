package io.wharf.protocol.restjson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.json.JsonFormat;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.Shape;
import io.wharf.protocol.rest.RestBindings;
import io.wharf.protocol.rest.Timestamps;
import io.wharf.protocol.wire.WireResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encodes an operation's output tree as a REST-JSON answer:
 * <ul>
 *   <li>the status: a {@code statusCode} member, else the operation's {@code responseCode}, else 200;</li>
 *   <li>{@code header} members as headers (as REST-XML writes them) and {@code headers} maps as one header per entry
 *       under the prefix;</li>
 *   <li>the body: the {@code payload} member — a structure as a JSON document, a string or blob as is — or, without
 *       one, the body members as a JSON object, {@code application/json}; an answer without body members (a 204) has
 *       no body.</li>
 * </ul>
 * Keys are the members' wire names ({@code locationName}) at every depth; timestamps are epoch seconds with a
 * millisecond fraction unless the member or shape says {@code iso8601} or {@code rfc822}; blobs are base64.
 * Errors ({@link #error}) carry their code in {@code x-amzn-ErrorType} and the error shape's members in the body.
 */
public final class RestJsonEncoder {
    private static final String JSON_TYPE = "application/json";

    private RestJsonEncoder() {
    }

    /** @param output the operation's output tree (null: nothing) */
    public static WireResponse encode(OperationModel operation, JsonNode output) {
        Shape shape = operation.output();
        int status = operation.http() != null ? operation.http().responseCode() : 200;
        Map<String, String> headers = new LinkedHashMap<>();
        if (shape == null || output == null || !output.isObject()) {
            return new WireResponse(status, headers, new byte[0]);
        }
        status = RestBindings.outputHeaders(shape, output, status, headers);
        boolean bodyMembers = RestBindings.hasBodyMembers(shape, output);
        if (shape.payload() != null) {
            Member member = shape.member(shape.payload());
            JsonNode value = member == null ? null : output.get(member.name());
            if (value == null || value.isNull()) {
                return new WireResponse(status, headers, new byte[0]);
            }
            byte[] body = switch (member.shape().type()) {
                case BLOB -> RestBindings.binary(value);
                case STRING -> value.asText().getBytes(StandardCharsets.UTF_8);
                default -> document(value, member.shape());
            };
            headers.putIfAbsent("Content-Type", JSON_TYPE);
            return new WireResponse(status, headers, body);
        }
        if (!bodyMembers) {
            return new WireResponse(status, headers, new byte[0]);
        }
        headers.putIfAbsent("Content-Type", JSON_TYPE);
        return new WireResponse(status, headers, document(output, shape));
    }

    /**
     * An error answer: the status, {@code x-amzn-ErrorType} (the code) and a body with the message under the error
     * shape's message member's wire name (else {@code message}) and the error's members ({@link AwsException#members})
     * under theirs.
     *
     * @param shape the model's shape of the error, or null
     */
    public static WireResponse error(AwsException error, Shape shape, String requestId) {
        com.fasterxml.jackson.databind.node.ObjectNode tree = JsonFormat.JSON.mapper().createObjectNode();
        String messageMember = "message";
        if (shape != null) {
            for (Member member : shape.members().values()) {
                if (member.name().equalsIgnoreCase("message")) {
                    messageMember = member.name();
                }
            }
        }
        if (error.getMessage() != null) {
            tree.put(messageMember, error.getMessage());
        }
        error.members().forEach(tree::set);
        byte[] body = shape == null ? plain(tree) : document(tree, shape);
        WireResponse response = WireResponse.of(error.httpStatus(), JSON_TYPE, body)
                .withHeader("x-amzn-ErrorType", error.code())
                .withHeader("x-amzn-RequestId", requestId);
        for (Map.Entry<String, String> header : error.headers().entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return response;
    }

    private static byte[] plain(JsonNode tree) {
        try {
            return JsonFormat.JSON.mapper().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code value} (a structure) as a JSON document of {@code shape}'s body members under their wire names. */
    static byte[] document(JsonNode value, Shape shape) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = JsonFormat.JSON.mapper().createGenerator(bytes)) {
            structure(out, value, shape);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void structure(JsonGenerator out, JsonNode value, Shape shape) throws IOException {
        out.writeStartObject();
        for (Member member : shape.members().values()) {
            JsonNode field = value.get(member.name());
            if (field == null || field.isNull() || !member.inBody()) {
                continue;
            }
            out.writeFieldName(member.wireName());
            write(out, field, member, member.timestampFormatOrShape());
        }
        out.writeEndObject();
    }

    private static void write(JsonGenerator out, JsonNode value, Member member, String timestampFormat)
            throws IOException {
        Shape shape = member.shape();
        switch (shape.type()) {
            case STRUCTURE -> {
                if (value.isObject()) {
                    structure(out, value, shape);
                } else {
                    out.writeTree(value);
                }
            }
            case LIST -> {
                out.writeStartArray();
                for (JsonNode element : value) {
                    write(out, element, shape.listMember(), shape.listMember().timestampFormatOrShape());
                }
                out.writeEndArray();
            }
            case MAP -> {
                out.writeStartObject();
                Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> entry = fields.next();
                    out.writeFieldName(entry.getKey());
                    write(out, entry.getValue(), shape.mapValue(), shape.mapValue().timestampFormatOrShape());
                }
                out.writeEndObject();
            }
            case TIMESTAMP -> {
                if (timestampFormat == null || timestampFormat.equals(Timestamps.UNIX)) {
                    long millis = value.isNumber() ? value.asLong() : Timestamps.parse(value.asText());
                    out.writeNumber(BigDecimal.valueOf(millis, 3));
                } else {
                    out.writeString(RestBindings.timestampText(value, timestampFormat, Timestamps.ISO8601));
                }
            }
            case BLOB -> out.writeString(java.util.Base64.getEncoder().encodeToString(RestBindings.binary(value)));
            default -> out.writeTree(value);
        }
    }
}
