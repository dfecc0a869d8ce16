package io.wharf.sns.filter;

import io.wharf.sns.MessageAttribute;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated policies against generated messages, checked against an independent, naive model of the rules
 * (sns.md §10.2). The seed is printed; replay with {@code -Dseed=N}.
 */
class FilterPolicyPropertiesTest {
    private static final String[] KEYS = {"a", "b", "c"};
    private static final String[] WORDS = {"red", "green", "blue", "reddish", "Blue"};

    private record Leaf(String json, java.util.function.Predicate<Object> test) {
    }

    @Test
    void generatedPoliciesAgreeWithTheModel() {
        long seed = Long.getLong("seed", new Random().nextLong());
        System.out.println("FilterPolicyPropertiesTest seed " + seed + " (replay with -Dseed=" + seed + ")");
        Random random = new Random(seed);
        for (int round = 0; round < 2_000; round++) {
            Map<String, List<Leaf>> policy = new LinkedHashMap<>();
            int keys = 1 + random.nextInt(KEYS.length);
            for (int k = 0; k < keys; k++) {
                List<Leaf> leaves = new ArrayList<>();
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                    leaves.add(leaf(random));
                }
                policy.put(KEYS[k], leaves);
            }
            StringBuilder json = new StringBuilder("{");
            policy.forEach((k, leaves) -> json.append(json.length() > 1 ? "," : "").append('"').append(k)
                    .append("\":[").append(String.join(",", leaves.stream().map(Leaf::json).toList())).append(']'));
            json.append('}');
            FilterPolicy compiled = FilterPolicy.parse(json.toString(), false);
            for (int m = 0; m < 10; m++) {
                Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
                Map<String, Object> values = new LinkedHashMap<>();
                for (String key : KEYS) {
                    switch (random.nextInt(3)) {
                        case 0 -> { }
                        case 1 -> {
                            String w = WORDS[random.nextInt(WORDS.length)];
                            attributes.put(key, MessageAttribute.string("String", w));
                            values.put(key, w);
                        }
                        default -> {
                            int n = random.nextInt(200) - 50;
                            attributes.put(key, MessageAttribute.string("Number", Integer.toString(n)));
                            values.put(key, (double) n);
                        }
                    }
                }
                boolean expected = policy.entrySet().stream().allMatch(e -> e.getValue().stream()
                        .anyMatch(leaf -> leaf.test().test(values.get(e.getKey()))));
                assertThat(compiled.matches(attributes, ""))
                        .as("seed %d policy %s message %s", seed, json, values).isEqualTo(expected);
            }
        }
    }

    private static Leaf leaf(Random random) {
        String w = WORDS[random.nextInt(WORDS.length)];
        int n = random.nextInt(150) - 25;
        return switch (random.nextInt(8)) {
            case 0 -> new Leaf("\"" + w + "\"", v -> w.equals(v));
            case 1 -> new Leaf(Integer.toString(n), v -> v instanceof Double d && d == n);
            case 2 -> new Leaf("{\"prefix\":\"" + w.substring(0, 2) + "\"}",
                    v -> v instanceof String s && s.startsWith(w.substring(0, 2)));
            case 3 -> new Leaf("{\"equals-ignore-case\":\"" + w.toUpperCase() + "\"}",
                    v -> v instanceof String s && s.equalsIgnoreCase(w));
            case 4 -> new Leaf("{\"anything-but\":[\"" + w + "\"]}", v -> v != null && !w.equals(v));
            case 5 -> new Leaf("{\"numeric\":[\">=\"," + n + "]}", v -> v instanceof Double d && d >= n);
            case 6 -> new Leaf("{\"numeric\":[\">\"," + n + ",\"<\"," + (n + 40) + "]}",
                    v -> v instanceof Double d && d > n && d < n + 40);
            default -> {
                boolean exists = random.nextBoolean();
                yield new Leaf("{\"exists\":" + exists + "}", v -> (v != null) == exists);
            }
        };
    }
}
