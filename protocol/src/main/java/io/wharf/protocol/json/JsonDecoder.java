package io.wharf.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.model.Shape;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;

/**
 * Reads a JSON or CBOR request body into a raw tree. CBOR byte strings arrive as binary nodes and tagged
 * timestamps as plain numbers (the tag is dropped); the {@link io.wharf.protocol.Validator} then brings
 * both encodings to the one tree every operation reads.
 */
public final class JsonDecoder {
    private JsonDecoder() {
    }

    /** The body's top-level object; an empty body or {@code null} is an empty object. */
    public static ObjectNode parse(byte[] body, JsonFormat format, ValidationErrors errors) {
        return parse(body, format, errors, null);
    }

    /**
     * As {@link #parse(byte[], JsonFormat, ValidationErrors)}; with the operation's {@code input} shape, a JSON
     * body's blobs arrive already decoded where their base64 is plain ({@link BlobReader}).
     */
    public static ObjectNode parse(byte[] body, JsonFormat format, ValidationErrors errors, Shape input) {
        if (body.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode tree;
        try {
            if (format == JsonFormat.JSON && BlobReader.holdsBlobs(input)) {
                try (JsonParser parser = format.mapper().createParser(body)) {
                    tree = BlobReader.read(parser, format.mapper(), body, input);
                }
            } else {
                tree = format.mapper().readTree(body);
            }
        } catch (StreamConstraintsException e) {
            throw errors.malformed(tooLarge(e));
        } catch (IOException e) {
            throw errors.malformed("Start of structure or map found where not expected.");
        }
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!(tree instanceof ObjectNode object)) {
            throw errors.malformed("Start of structure or map found where not expected.");
        }
        return object;
    }

    /** Which of the document limits ({@link JsonFormat}) was passed, without echoing any of the document. */
    private static String tooLarge(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("Token count")) {
            return "The request document has more than " + io.wharf.protocol.InputLimits.MAX_JSON_TOKENS
                    + " elements.";
        }
        if (message.contains("nesting depth")) {
            return "The request document is nested too deeply.";
        }
        return "The request document exceeds a size limit: " + message.replaceAll("\\(.*$", "").trim();
    }
}
