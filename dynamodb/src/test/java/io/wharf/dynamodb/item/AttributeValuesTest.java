package io.wharf.dynamodb.item;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.protocol.AwsException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttributeValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AttributeValue parse(String json) throws Exception {
        return AttributeValues.fromWire(JSON.readTree(json));
    }

    @Test
    void everyTypeRoundTripsThroughTheWire() throws Exception {
        String json = "{\"s\":{\"S\":\"x\"},\"n\":{\"N\":\"1.50\"},\"b\":{\"B\":\"AAH/\"},\"ss\":{\"SS\":[\"a\",\"b\"]},"
                + "\"ns\":{\"NS\":[\"1\",\"2\"]},\"bs\":{\"BS\":[\"AA==\"]},\"m\":{\"M\":{\"k\":{\"BOOL\":true}}},"
                + "\"l\":{\"L\":[{\"NULL\":true}]}}";
        Map<String, AttributeValue> item = AttributeValues.itemFromWire(JSON.readTree(json));
        assertThat(item.get("n")).isEqualTo(AttributeValue.number("1.5"));
        assertThat(AttributeValues.itemFromWire(AttributeValues.itemToWire(item))).isEqualTo(item);
        assertThat(AttributeValues.toWire(item.get("n")).get("N").asText()).isEqualTo("1.5");
    }

    @Test
    void malformedValuesGetAwsTexts() {
        assertThatThrownBy(() -> parse("{}")).isInstanceOf(AwsException.class)
                .hasMessage("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        assertThatThrownBy(() -> parse("{\"S\":\"a\",\"N\":\"1\"}")).hasMessageStartingWith(
                "Supplied AttributeValue has more than one datatypes set");
        assertThatThrownBy(() -> parse("{\"NS\":[]}")).hasMessage(
                "One or more parameter values were invalid: An number set  may not be empty");
        assertThatThrownBy(() -> parse("{\"NS\":[\"1\",\"1.0\"]}")).hasMessage(
                "One or more parameter values were invalid: Input collection [1, 1.0] contains duplicates.");
        assertThatThrownBy(() -> parse("{\"NULL\":false}")).isInstanceOf(AwsException.class);
    }

    @Test
    void sizesFollowAwsRules() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("ab", new AttributeValue.S("xyz"));               // 2 + 3
        item.put("n", AttributeValue.number("12345"));             // 1 + (5+1)/2 + 1 = 1 + 4
        item.put("t", new AttributeValue.Bool(true));              // 1 + 1
        item.put("ss", new AttributeValue.SS(Set.of("a")));        // 2 + 1
        item.put("l", new AttributeValue.L(List.of(new AttributeValue.S("q")))); // 1 + 3 + 1 + 1
        assertThat(AttributeValues.size(item)).isEqualTo(5 + 5 + 2 + 3 + 6);
    }
}
