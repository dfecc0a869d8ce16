package io.wharf.dynamodb.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Between {@link AttributeValue} and the wire's {@code AttributeValue} union as the protocol layer decodes it
 * (an object with one member: {@code {"S": "x"}}, {@code {"N": "1"}}, {@code {"B": <binary node>}}, …), with
 * AWS's validation messages for malformed values, and AWS's item-size rules.
 * <p>Contract only: the bodies arrive with the engine's branch.
 */
public final class AttributeValues {
    private AttributeValues() {
    }

    /** One wire value, validated as AWS validates it (one member set, no empty sets, no duplicates, numbers). */
    public static AttributeValue fromWire(JsonNode node) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** An item or key ({@code Map<String, AttributeValue>} on the wire). */
    public static Map<String, AttributeValue> itemFromWire(JsonNode node) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** One value in the wire's shape, for the encoder. */
    public static ObjectNode toWire(AttributeValue value) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** An item in the wire's shape. */
    public static ObjectNode itemToWire(Map<String, AttributeValue> item) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The item's size as DynamoDB counts it toward the 400 KB limit (names plus values, AWS's per-type rules). */
    public static long size(Map<String, AttributeValue> item) {
        throw new UnsupportedOperationException("not built yet");
    }
}
