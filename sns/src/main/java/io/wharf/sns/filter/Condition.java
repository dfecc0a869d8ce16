package io.wharf.sns.filter;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;

/**
 * One match value of a policy key. A key's conditions are ORed; each is tested against every value the message
 * has under the key (an array matches when any element does). Strings only match strings and numbers only
 * numbers, as in AWS: {@code ["300"]} does not match the Number 300.
 */
sealed interface Condition {

    boolean matches(JsonNode value);

    /** {@code exists} is about presence, not values: the caller asks it before looking at values. */
    default boolean isExists() {
        return false;
    }

    record ExactString(String expected) implements Condition {
        public boolean matches(JsonNode value) {
            return value.isTextual() && value.asText().equals(expected);
        }
    }

    record ExactNumber(double expected) implements Condition {
        public boolean matches(JsonNode value) {
            return value.isNumber() && value.asDouble() == expected;
        }
    }

    /** {@code true}, {@code false} or {@code null} in a MessageBody-scope policy. */
    record Literal(JsonNode expected) implements Condition {
        public boolean matches(JsonNode value) {
            return value.equals(expected);
        }
    }

    record Prefix(String prefix) implements Condition {
        public boolean matches(JsonNode value) {
            return value.isTextual() && value.asText().startsWith(prefix);
        }
    }

    record Suffix(String suffix) implements Condition {
        public boolean matches(JsonNode value) {
            return value.isTextual() && value.asText().endsWith(suffix);
        }
    }

    record EqualsIgnoreCase(String expected) implements Condition {
        public boolean matches(JsonNode value) {
            return value.isTextual() && value.asText().toLowerCase(Locale.ROOT)
                    .equals(expected.toLowerCase(Locale.ROOT));
        }
    }

    /** {@code anything-but} a list of strings and/or numbers: present and equal to none of them. */
    record AnythingBut(List<Condition> excluded) implements Condition {
        public boolean matches(JsonNode value) {
            return excluded.stream().noneMatch(c -> c.matches(value));
        }
    }

    /** {@code {"anything-but": {"prefix": "p"}}}: a string not starting with p. */
    record AnythingButPrefix(String prefix) implements Condition {
        public boolean matches(JsonNode value) {
            return value.isTextual() && !value.asText().startsWith(prefix);
        }
    }

    /** {@code numeric}: an optional lower and an optional upper bound, or one equality. */
    record Numeric(Double lower, boolean lowerInclusive, Double upper, boolean upperInclusive) implements Condition {
        public boolean matches(JsonNode value) {
            if (!value.isNumber()) {
                return false;
            }
            double v = value.asDouble();
            boolean aboveLower = lower == null || (lowerInclusive ? v >= lower : v > lower);
            boolean belowUpper = upper == null || (upperInclusive ? v <= upper : v < upper);
            return aboveLower && belowUpper;
        }
    }

    record Exists(boolean present) implements Condition {
        public boolean matches(JsonNode value) {
            return present;
        }

        @Override
        public boolean isExists() {
            return true;
        }
    }

    record InCidr(Cidr block) implements Condition {
        public boolean matches(JsonNode value) {
            return value.isTextual() && block.contains(value.asText());
        }
    }
}
