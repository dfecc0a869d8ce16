package io.wharf.sns.filter;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wharf.protocol.fuzz.FuzzInput;
import io.wharf.sns.MessageAttribute;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SNS filter-policy language: validation ({@code FilterPolicyParser}: operators, nesting, {@code $or}, the
 * key and combination limits) throws only {@link InvalidFilterPolicyException}, and matching a valid policy against
 * any message — attributes of every data type, or a JSON body under MessageBody scope — answers without an
 * exception, the same way twice. Input: the policy, the scope ("MessageBody" or anything else), then
 * "name|DataType|value" attribute lines, an empty line and the message body.
 */
class FilterPolicyFuzzTest {
    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"{\"prefix\":", "{\"suffix\":", "{\"anything-but\":", "{\"numeric\":", "{\"exists\":",
            "{\"cidr\":", "{\"equals-ignore-case\":", "{\"wildcard\":", "\"$or\"", "\">=\"", "\"<\"", "\"=\"",
            "String.Array", "Number", "Binary", "MessageBody", "1e308", "-0", "10.0.0.0/24", "::1/128"})
    void validateAndMatch(byte[] input) {
        List<String> fields = new FuzzInput(input).fields(3);
        boolean bodyScope = fields.get(1).equals("MessageBody");
        FilterPolicy policy;
        try {
            policy = FilterPolicy.parse(fields.get(0), bodyScope);
        } catch (InvalidFilterPolicyException refused) {
            return;
        }
        String rest = fields.get(2);
        int blank = rest.indexOf("\n\n");
        String body = blank < 0 ? "" : rest.substring(blank + 2);
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        for (String line : (blank < 0 ? rest : rest.substring(0, blank)).split("\n")) {
            String[] parts = line.split("\\|", 3);
            if (parts.length == 3) {
                boolean binary = parts[1].startsWith("Binary");
                attributes.put(parts[0], new MessageAttribute(parts[1], binary ? null : parts[2],
                        binary ? parts[2].getBytes(StandardCharsets.UTF_8) : null));
            }
        }
        boolean first = policy.matches(attributes, body);
        if (policy.matches(attributes, body) != first) {
            throw new AssertionError("the same message matched differently twice");
        }
    }
}
