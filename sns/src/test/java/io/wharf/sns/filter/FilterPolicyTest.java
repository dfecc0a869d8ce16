package io.wharf.sns.filter;

import io.wharf.sns.MessageAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each operator of the language against attributes and bodies, and AWS's validation messages. */
class FilterPolicyTest {

    private static Map<String, MessageAttribute> attrs(String... typeNameValue) {
        Map<String, MessageAttribute> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < typeNameValue.length; i += 3) {
            map.put(typeNameValue[i + 1], MessageAttribute.string(typeNameValue[i], typeNameValue[i + 2]));
        }
        return map;
    }

    private static boolean onAttributes(String policy, Map<String, MessageAttribute> attributes) {
        return FilterPolicy.parse(policy, false).matches(attributes, "");
    }

    private static boolean onBody(String policy, String body) {
        return FilterPolicy.parse(policy, true).matches(Map.of(), body);
    }

    @Test
    void exactStringsAndNumbers() {
        assertThat(onAttributes("{\"c\":[\"red\",\"blue\"]}", attrs("String", "c", "blue"))).isTrue();
        assertThat(onAttributes("{\"c\":[\"red\"]}", attrs("String", "c", "Red"))).isFalse();
        assertThat(onAttributes("{\"c\":[\"red\"]}", attrs())).isFalse();
        assertThat(onAttributes("{\"n\":[301.5]}", attrs("Number", "n", "3.015e2"))).isTrue();
        assertThat(onAttributes("{\"n\":[\"300\"]}", attrs("Number", "n", "300"))).isFalse();
        assertThat(onAttributes("{\"n\":[300]}", attrs("String", "n", "300"))).isFalse();
    }

    @Test
    void stringArraysMatchOnAnyElement() {
        assertThat(onAttributes("{\"tags\":[\"b\"]}", attrs("String.Array", "tags", "[\"a\",\"b\"]"))).isTrue();
        assertThat(onAttributes("{\"tags\":[2]}", attrs("String.Array", "tags", "[1, 2]"))).isTrue();
        assertThat(onAttributes("{\"tags\":[\"c\"]}", attrs("String.Array", "tags", "[\"a\",\"b\"]"))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"k\":[{\"prefix\":\"bl\"}]}|blue|true",
            "{\"k\":[{\"prefix\":\"bl\"}]}|red|false",
            "{\"k\":[{\"suffix\":\"ue\"}]}|blue|true",
            "{\"k\":[{\"equals-ignore-case\":\"BLUE\"}]}|bLuE|true",
            "{\"k\":[{\"anything-but\":[\"red\",\"green\"]}]}|blue|true",
            "{\"k\":[{\"anything-but\":\"red\"}]}|red|false",
            "{\"k\":[{\"anything-but\":{\"prefix\":\"test-\"}}]}|test-1|false",
            "{\"k\":[{\"anything-but\":{\"prefix\":\"test-\"}}]}|prod-1|true",
            "{\"k\":[{\"cidr\":\"10.0.0.0/24\"}]}|10.0.0.255|true",
            "{\"k\":[{\"cidr\":\"10.0.0.0/24\"}]}|10.0.1.1|false",
            "{\"k\":[{\"cidr\":\"2001:db8::/32\"}]}|2001:db8::1|true",
            "{\"k\":[{\"exists\":true}]}|anything|true",
            "{\"k\":[{\"exists\":false}]}|anything|false",
            "{\"other\":[{\"exists\":false}]}|anything|true",
    })
    void operatorsOnStrings(String policy, String value, boolean expected) {
        assertThat(onAttributes(policy, attrs("String", "k", value))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[\"<\", 0]|-1|true", "[\"<\", 0]|0|false", "[\"<=\", 0]|0|true", "[\">\", 0, \"<=\", 150]|150|true",
            "[\">\", 0, \"<=\", 150]|0|false", "[\">=\", 0, \"<\", 150]|0|true", "[\"=\", 7.5]|7.50|true",
            "[\">\", 0, \"<\", 150]|150|false",
    })
    void numericRanges(String range, String value, boolean expected) {
        assertThat(onAttributes("{\"n\":[{\"numeric\":" + range + "}]}", attrs("Number", "n", value)))
                .isEqualTo(expected);
    }

    @Test
    void keysAreAndedAndOrBranchesAreOred() {
        String policy = "{\"a\":[\"1\"],\"$or\":[{\"b\":[\"2\"]},{\"c\":[\"3\"]}]}";
        assertThat(onAttributes(policy, attrs("String", "a", "1", "String", "c", "3"))).isTrue();
        assertThat(onAttributes(policy, attrs("String", "a", "1", "String", "b", "9"))).isFalse();
        assertThat(onAttributes(policy, attrs("String", "b", "2"))).isFalse();
    }

    @Test
    void bodyScopeNestsFlattensAndSearchesArrays() {
        assertThat(onBody("{\"a\":{\"b\":[\"x\"]}}", "{\"a\":{\"b\":\"x\"}}")).isTrue();
        assertThat(onBody("{\"a.b\":[\"x\"]}", "{\"a\":{\"b\":\"x\"}}")).isTrue();
        assertThat(onBody("{\"a\":{\"b\":[\"x\"]}}", "{\"a.b\":\"x\"}")).isTrue();
        assertThat(onBody("{\"Records\":{\"eventName\":[{\"prefix\":\"ObjectCreated:\"}]}}",
                "{\"Records\":[{\"eventName\":\"ObjectRemoved:Delete\"},{\"eventName\":\"ObjectCreated:Put\"}]}"))
                .isTrue();
        assertThat(onBody("{\"ok\":[true],\"none\":[null]}", "{\"ok\":true,\"none\":null}")).isTrue();
        assertThat(onBody("{\"n\":[{\"numeric\":[\">\",1]}]}", "{\"n\":2}")).isTrue();
        assertThat(onBody("{\"a\":[\"x\"]}", "not json")).isFalse();
        assertThat(onBody("{\"a\":[\"x\"]}", "[\"x\"]")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"a\":[1],\"b\":[1],\"c\":[1],\"d\":[1],\"e\":[1],\"f\":[1]}|Filter policy can not have more than 5 keys",
            "{\"k\":\"v\"}|\"k\" must be an object or an array",
            "{\"k\":[]}|Empty arrays are not allowed",
            "{\"k\":[[1]]}|Match value must be String, number, true, false, or null",
            "{\"k\":[{\"wrong-operator\":1}]}|Unrecognized match type wrong-operator",
            "{\"k\":[{\"prefix\":\"a\",\"suffix\":\"b\"}]}|Only one key allowed in match expression",
            "{\"k\":[{\"suffix\":1}]}|suffix match pattern must be a string",
            "{\"k\":[{\"prefix\":1}]}|prefix match pattern must be a string",
            "{\"k\":[{\"exists\":\"yes\"}]}|exists match pattern must be either true or false.",
            "{\"k\":[{\"numeric\":[]}]}|Invalid member in numeric match: ]",
            "{\"k\":[{\"numeric\":[\"x\",1]}]}|Unrecognized numeric range operator: x",
            "{\"k\":[{\"numeric\":[\">\",\"a\"]}]}|Value of > must be numeric",
            "{\"k\":[{\"numeric\":[\"<\",1,\">\",0]}]}|Bad numeric range operator: <",
            "{\"k\":[{\"numeric\":[\">\",5,\"<\",1]}]}|Bottom must be less than top",
            "{\"k\":[{\"numeric\":[\">\",1,\"<\",5,\">\",1]}]}|Too many terms in numeric range expression",
            "{\"k\":[{\"numeric\":[\">\",10000000000]}]}|Bad value in numeric range: 10000000000",
            "{\"k\":[{\"cidr\":\"10.0.0.0\"}]}|Malformed CIDR, one '/' required",
            "{\"k\":[{\"cidr\":\"10.0.0.0/x\"}]}|Malformed CIDR, mask bits must be an integer",
            "{\"k\":[{\"cidr\":\"10.0.0.300/8\"}]}|Nonstandard IP address: 10.0.0.300",
            "{\"k\":[{\"anything-but\":{\"suffix\":\"x\"}}]}|Unsupported anything-but pattern: suffix",
            "{\"k\":{\"nested\":[1]}}|Filter policy scope MessageAttributes does not support nested filter policy",
            "{bad|failed to parse JSON.",
    })
    void invalidPoliciesAreRefusedWithAwsWords(String policy, String message) {
        assertThatThrownBy(() -> FilterPolicy.parse(policy, false))
                .isInstanceOf(InvalidFilterPolicyException.class).hasMessageContaining(message);
    }

    @Test
    void complexityIsLimitedTo150Combinations() {
        String values = "[" + String.join(",", java.util.Collections.nCopies(10, "1")) + "]";
        String ok = "{\"a\":" + values + ",\"b\":" + values + "}"; // 100
        FilterPolicy.parse(ok, false);
        String tooMany = "{\"a\":" + values + ",\"b\":" + values + ",\"c\":[1,2]}"; // 200
        assertThatThrownBy(() -> FilterPolicy.parse(tooMany, false)).hasMessage("Filter policy is too complex");
        // body scope multiplies by depth: 4 values at depth 3 and 3 at depth 2 = 3*4*2*3 = 72
        FilterPolicy.parse("{\"x\":{\"y\":{\"z\":[1,2,3,4]},\"w\":[1,2,3]}}", true);
        assertThatThrownBy(() -> FilterPolicy.parse(
                "{\"x\":{\"y\":{\"z\":[1,2,3,4,5,6,7]},\"w\":[1,2,3,4]}}", true)) // 7*3*4*2 = 168
                .hasMessage("Filter policy is too complex");
    }
}
