package io.wharf.protocol.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.Shape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A test-only tree → Query parameters encoder written after botocore's {@code QuerySerializer}
 * ({@code botocore/serialize.py}), independently of {@link QueryDecoder}:
 * <ul>
 *   <li>structure member: {@code prefix.<locationName or name>};</li>
 *   <li>empty list: {@code prefix=""}; list: {@code prefix.<item locationName or "member">.N}; flattened:
 *       {@code prefix.N}, with the last component of prefix replaced by the item's locationName if it has one;</li>
 *   <li>map: {@code prefix.entry.N.<key|value>} (key/value names from their locationName), flattened
 *       {@code prefix.N.<key|value>};</li>
 *   <li>booleans {@code true/false}, blobs base64, timestamps ISO 8601 (fraction only when non-zero).</li>
 * </ul>
 */
final class ReferenceQueryEncoder {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ReferenceQueryEncoder() {
    }

    static Map<String, String> encode(OperationModel operation, String apiVersion, JsonNode tree) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", operation.name());
        params.put("Version", apiVersion);
        if (operation.input() != null) {
            serialize(params, tree, operation.input(), false, "");
        }
        return params;
    }

    private static void serialize(Map<String, String> params, JsonNode value, Shape shape, boolean flattened,
                                  String prefix) {
        switch (shape.type()) {
            case STRUCTURE -> {
                Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    Member member = shape.member(field.getKey());
                    String name = member.locationName() != null ? member.locationName() : member.name();
                    serialize(params, field.getValue(), member.shape(), member.isFlattened(),
                            prefix.isEmpty() ? name : prefix + "." + name);
                }
            }
            case LIST -> {
                if (value.isEmpty()) {
                    params.put(prefix, "");
                    return;
                }
                Member item = shape.listMember();
                String listPrefix;
                if (flattened) {
                    listPrefix = item.locationName() == null ? prefix : replaceLast(prefix, item.locationName());
                } else {
                    listPrefix = prefix + "." + (item.locationName() != null ? item.locationName() : "member");
                }
                int i = 1;
                for (JsonNode element : value) {
                    serialize(params, element, item.shape(), item.isFlattened(), listPrefix + "." + i++);
                }
            }
            case MAP -> {
                String fullPrefix = flattened ? prefix : prefix + ".entry";
                Member key = shape.mapKey();
                Member mapValue = shape.mapValue();
                String keySuffix = key.locationName() != null ? key.locationName() : "key";
                String valueSuffix = mapValue.locationName() != null ? mapValue.locationName() : "value";
                int i = 1;
                Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> entry = fields.next();
                    params.put(fullPrefix + "." + i + "." + keySuffix, entry.getKey());
                    serialize(params, entry.getValue(), mapValue.shape(), mapValue.isFlattened(),
                            fullPrefix + "." + i + "." + valueSuffix);
                    i++;
                }
            }
            case BOOLEAN -> params.put(prefix, value.booleanValue() ? "true" : "false");
            case BLOB -> params.put(prefix, Base64.getEncoder().encodeToString(bytes(value)));
            case TIMESTAMP -> params.put(prefix, iso8601(value.longValue()));
            default -> params.put(prefix, value.asText());
        }
    }

    private static String replaceLast(String prefix, String name) {
        int dot = prefix.lastIndexOf('.');
        return dot < 0 ? name : prefix.substring(0, dot + 1) + name;
    }

    static String iso8601(long epochMillis) {
        Instant instant = Instant.ofEpochMilli(epochMillis);
        return (instant.getNano() == 0 ? SECONDS : MICROS).format(instant);
    }

    static byte[] bytes(JsonNode value) {
        try {
            return value.binaryValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
