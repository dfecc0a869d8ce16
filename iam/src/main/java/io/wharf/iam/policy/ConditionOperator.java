package io.wharf.iam.policy;

import java.util.HashMap;
import java.util.Map;

/**
 * The condition operators of the IAM policy language, without their {@code ForAnyValue:}/{@code ForAllValues:}
 * qualifier and {@code IfExists} suffix. A negated operator is the negation of its positive twin over the whole list
 * of policy values: {@code StringNotEquals} with {@code ["a","b"]} holds when the value is neither.
 */
enum ConditionOperator {
    STRING_EQUALS("StringEquals", Type.STRING, false),
    STRING_NOT_EQUALS("StringNotEquals", Type.STRING, true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Type.STRING_IGNORE_CASE, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Type.STRING_IGNORE_CASE, true),
    STRING_LIKE("StringLike", Type.STRING_LIKE, false),
    STRING_NOT_LIKE("StringNotLike", Type.STRING_LIKE, true),
    NUMERIC_EQUALS("NumericEquals", Type.NUMERIC, false),
    NUMERIC_NOT_EQUALS("NumericNotEquals", Type.NUMERIC, true),
    NUMERIC_LESS_THAN("NumericLessThan", Type.NUMERIC, false),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Type.NUMERIC, false),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Type.NUMERIC, false),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Type.NUMERIC, false),
    DATE_EQUALS("DateEquals", Type.DATE, false),
    DATE_NOT_EQUALS("DateNotEquals", Type.DATE, true),
    DATE_LESS_THAN("DateLessThan", Type.DATE, false),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", Type.DATE, false),
    DATE_GREATER_THAN("DateGreaterThan", Type.DATE, false),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Type.DATE, false),
    BOOL("Bool", Type.BOOL, false),
    BINARY_EQUALS("BinaryEquals", Type.BINARY, false),
    IP_ADDRESS("IpAddress", Type.IP, false),
    NOT_IP_ADDRESS("NotIpAddress", Type.IP, true),
    ARN_EQUALS("ArnEquals", Type.ARN, false),
    ARN_LIKE("ArnLike", Type.ARN, false),
    ARN_NOT_EQUALS("ArnNotEquals", Type.ARN, true),
    ARN_NOT_LIKE("ArnNotLike", Type.ARN, true),
    NULL("Null", Type.NULL, false);

    /** How values are compared. */
    enum Type {
        STRING, STRING_IGNORE_CASE, STRING_LIKE, NUMERIC, DATE, BOOL, BINARY, IP, ARN, NULL;

        /** Whether policy variables are expanded in this type's values (strings, ARNs and Bool, as IAM documents). */
        boolean takesVariables() {
            return this == STRING || this == STRING_IGNORE_CASE || this == STRING_LIKE || this == ARN || this == BOOL;
        }
    }

    private static final Map<String, ConditionOperator> BY_NAME = new HashMap<>();

    static {
        for (ConditionOperator operator : values()) {
            BY_NAME.put(operator.policyName, operator);
        }
    }

    private final String policyName;
    private final Type type;
    private final boolean negated;

    ConditionOperator(String policyName, Type type, boolean negated) {
        this.policyName = policyName;
        this.type = type;
        this.negated = negated;
    }

    /** The operator its exact (case-sensitive) policy name stands for, or null. */
    static ConditionOperator named(String name) {
        return BY_NAME.get(name);
    }

    String policyName() {
        return policyName;
    }

    Type type() {
        return type;
    }

    boolean negated() {
        return negated;
    }
}
