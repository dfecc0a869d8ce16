package io.wharf.protocol.restjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.Validator;
import io.wharf.protocol.json.JsonDecoder;
import io.wharf.protocol.json.JsonFormat;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.Shape;
import io.wharf.protocol.rest.RestBindings;
import io.wharf.protocol.rest.Timestamps;
import io.wharf.protocol.wire.WireRequest;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Decodes a REST-JSON request into the parameter tree of its input shape, the tree every codec makes: URI labels,
 * query parameters, headers and header maps as {@link RestBindings} reads them, and the body — the {@code payload}
 * member (a structure parsed from JSON by its shape, a blob or string as is), or, without one, a JSON object whose keys
 * are the body members' wire names ({@code locationName}, which REST-JSON models use for camel-case keys:
 * {@code "brokerName"} for {@code BrokerName}), at every depth. Keys the shape does not know are dropped, as AWS
 * ignores them; values keep their JSON types for the {@link io.wharf.protocol.Validator} to check, except timestamps,
 * which become epoch milliseconds (validate with {@code timestampsInMillis}): epoch seconds, or ISO 8601 / RFC 822 text.
 * A body that is not a JSON object is {@link ValidationErrors#malformed}, read within the JSON protocols' bounds.
 */
public final class RestJsonDecoder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ValidationErrors errors;
    private final RestBindings bindings;

    private RestJsonDecoder(ValidationErrors errors) {
        this.errors = errors;
        this.bindings = new RestBindings(errors);
    }

    /**
     * @param labels the URI labels the router matched
     * @param input  the operation's input shape; null yields an empty tree
     * @param body   the request's body
     */
    public static ObjectNode decode(WireRequest request, Map<String, String> labels, Shape input,
                                    ValidationErrors errors, byte[] body) {
        ObjectNode tree = NODES.objectNode();
        if (input == null) {
            return tree;
        }
        new RestJsonDecoder(errors).structure(request, labels, input, body, tree);
        return tree;
    }

    private void structure(WireRequest request, Map<String, String> labels, Shape input, byte[] body,
                           ObjectNode tree) {
        Set<String> claimedQuery = RestBindings.claimedQuery(input);
        for (Member member : input.members().values()) {
            JsonNode value = switch (member.location() == null ? "" : member.location()) {
                case "uri" -> bindings.label(labels, member);
                case "querystring" -> bindings.query(request.query(), member, claimedQuery);
                case "header" -> bindings.header(request.header(member.wireName()), member);
                case "headers" -> RestBindings.headerMap(request.headers(), member);
                default -> input.payload() != null && input.payload().equals(member.name())
                        ? payload(member, body) : null;
            };
            if (value != null) {
                tree.set(member.name(), value);
            }
        }
        if (input.payload() == null && body.length > 0) {
            JsonNode document = parse(body);
            fromJson((ObjectNode) document, input, "", tree, true);
        }
    }

    private JsonNode payload(Member member, byte[] body) {
        if (body.length == 0) {
            return null;
        }
        return switch (member.shape().type()) {
            case BLOB -> NODES.binaryNode(body);
            case STRING -> NODES.textNode(new String(body, StandardCharsets.UTF_8));
            case STRUCTURE -> {
                ObjectNode object = NODES.objectNode();
                fromJson((ObjectNode) parse(body), member.shape(), member.name() + ".", object, false);
                yield object;
            }
            default -> bindings.scalar(new String(body, StandardCharsets.UTF_8), member, member.name(),
                    Timestamps.ISO8601);
        };
    }

    /** The body's JSON object, read with the JSON protocols' bounds ({@link JsonDecoder}). */
    private JsonNode parse(byte[] body) {
        return JsonDecoder.parse(body, JsonFormat.JSON, errors);
    }

    /**
     * Copies {@code source}'s known members into {@code target} under their member names.
     *
     * @param topLevel whether these are the input's own members (then only those without a location are read)
     */
    private void fromJson(ObjectNode source, Shape shape, String path, ObjectNode target, boolean topLevel) {
        for (Member member : shape.members().values()) {
            if (topLevel && !member.inBody()) {
                continue;
            }
            JsonNode value = source.get(member.wireName());
            if (value != null && !value.isNull()) {
                target.set(member.name(), value(value, member, path + member.name()));
            }
        }
    }

    private JsonNode value(JsonNode value, Member member, String path) {
        Shape shape = member.shape();
        return switch (shape.type()) {
            case STRUCTURE -> {
                if (!(value instanceof ObjectNode object)) {
                    yield value; // the validator words what is wrong
                }
                ObjectNode out = NODES.objectNode();
                fromJson(object, shape, path + ".", out, false);
                yield out;
            }
            case LIST -> {
                if (!(value instanceof ArrayNode array)) {
                    yield value;
                }
                ArrayNode out = NODES.arrayNode();
                for (JsonNode element : array) {
                    out.add(element.isNull() ? element : value(element, shape.listMember(), path));
                }
                yield out;
            }
            case MAP -> {
                if (!(value instanceof ObjectNode object)) {
                    yield value;
                }
                ObjectNode out = NODES.objectNode();
                Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> entry = fields.next();
                    out.set(entry.getKey(), entry.getValue().isNull() ? entry.getValue()
                            : value(entry.getValue(), shape.mapValue(), path));
                }
                yield out;
            }
            case TIMESTAMP -> timestamp(value, member, path);
            default -> value;
        };
    }

    /** Epoch seconds (a number, or digits in a string) or ISO 8601 / RFC 822 text, as epoch milliseconds. */
    private JsonNode timestamp(JsonNode value, Member member, String path) {
        try {
            if (value.isNumber() && Double.isFinite(value.asDouble())) {
                return NODES.numberNode(Validator.epochMillis(value.decimalValue().movePointRight(3)));
            }
            if (value.isTextual()) {
                return NODES.numberNode(Timestamps.parse(value.asText()));
            }
        } catch (ArithmeticException | IllegalArgumentException e) {
            // worded below
        }
        throw errors.invalid(path, value.toString(), member.shape(), "expected a timestamp");
    }
}
