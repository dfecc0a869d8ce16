package io.wharf.iam.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One test of a statement's {@code Condition} block: an operator, one key, its values. A statement's tests are ANDed;
 * the values of one test are ORed (for a negated operator: the value must match none of them).
 *
 * <p>As IAM documents:
 * <ul>
 *   <li>an absent key fails every operator except a negated one (which holds), {@code …IfExists} (holds) and
 *       {@code Null}; {@code ForAllValues:} holds and {@code ForAnyValue:} fails on an absent key;</li>
 *   <li>{@code ForAnyValue:} holds when some value of the request matches the test, {@code ForAllValues:} when every
 *       one does (for a negated operator, "matches" means "matches none of the policy's values"); without a
 *       qualifier, a multi-valued key is tested like {@code ForAnyValue:} for a positive operator and as its negation
 *       for a negated one;</li>
 *   <li>values are case-sensitive except for the {@code IgnoreCase} operators and {@code Bool};</li>
 *   <li>a policy value that cannot be read (a number that is none, a variable without value) matches nothing.</li>
 * </ul>
 */
final class Condition {

    /** The {@code ForAnyValue:}/{@code ForAllValues:} qualifier. */
    enum SetQualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    private final ConditionOperator operator;
    private final SetQualifier qualifier;
    private final boolean ifExists;
    private final String key;
    private final Object[] values;
    private final Object[] constantResolved;

    Condition(ConditionOperator operator, SetQualifier qualifier, boolean ifExists, String key, List<String> rawValues,
              boolean variables) {
        this.operator = operator;
        this.qualifier = qualifier;
        this.ifExists = ifExists;
        this.key = key.toLowerCase(Locale.ROOT);
        ConditionOperator.Type type = operator.type();
        boolean expand = variables && type.takesVariables();
        this.values = rawValues.stream().map(raw -> compile(type, raw, expand)).toArray();
        this.constantResolved = Arrays.stream(values)
                .allMatch(v -> !(v instanceof Template t && !t.constant())
                        && !(v instanceof WildcardTemplate w && !w.constant()))
                ? resolveValues(null) : null;
    }

    private static Object compile(ConditionOperator.Type type, String raw, boolean variables) {
        return switch (type) {
            case STRING, STRING_IGNORE_CASE, BOOL -> Template.parse(raw, variables, 0);
            case STRING_LIKE -> new WildcardTemplate(Template.parse(raw, variables, 0), false);
            case ARN -> new WildcardTemplate(Template.parse(raw, variables, 0), true);
            case NUMERIC -> number(raw);
            case DATE -> PolicyDates.parse(raw);
            case IP -> IpRange.parse(raw);
            case BINARY -> binary(raw);
            case NULL -> raw.equalsIgnoreCase("true") ? Boolean.TRUE
                    : raw.equalsIgnoreCase("false") ? Boolean.FALSE : null;
        };
    }

    ConditionOperator operator() {
        return operator;
    }

    /** Whether this test holds for the request. */
    boolean holds(EvaluationContext context) {
        List<String> actual = context.values(key);
        boolean absent = actual == null || actual.isEmpty();
        if (operator == ConditionOperator.NULL) {
            for (Object value : values) {
                if (value != null && (Boolean) value == absent) {
                    return true;
                }
            }
            return false;
        }
        if (absent) {
            if (ifExists) {
                return true;
            }
            return switch (qualifier) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case NONE -> operator.negated();
            };
        }
        Object[] resolved = constantResolved != null ? constantResolved : resolveValues(context);
        boolean negated = operator.negated();
        switch (qualifier) {
            case FOR_ANY_VALUE -> {
                for (String value : actual) {
                    if (value != null && matchesAny(value, resolved) != negated) {
                        return true;
                    }
                }
                return false;
            }
            case FOR_ALL_VALUES -> {
                for (String value : actual) {
                    if (value != null && matchesAny(value, resolved) == negated) {
                        return false;
                    }
                }
                return true;
            }
            default -> {
                boolean any = false;
                for (String value : actual) {
                    if (value != null && matchesAny(value, resolved)) {
                        any = true;
                        break;
                    }
                }
                return any != negated;
            }
        }
    }

    /** Templates become their text (or a Glob); null where a variable has no value. */
    private Object[] resolveValues(EvaluationContext context) {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof Template template) {
                out[i] = template.constant() ? template.raw() : template.text(context);
            } else if (value instanceof WildcardTemplate wildcard) {
                out[i] = wildcard.resolve(context);
            } else {
                out[i] = value;
            }
        }
        return out;
    }

    /** The positive test: does one value of the request match one of the policy's values? */
    private boolean matchesAny(String actual, Object[] resolved) {
        switch (operator.type()) {
            case STRING -> {
                for (Object value : resolved) {
                    if (actual.equals(value)) {
                        return true;
                    }
                }
            }
            case STRING_IGNORE_CASE, BOOL -> {
                for (Object value : resolved) {
                    if (value != null && actual.equalsIgnoreCase((String) value)) {
                        return true;
                    }
                }
            }
            case STRING_LIKE, ARN -> {
                for (Object value : resolved) {
                    if (value != null && ((Glob) value).matches(actual)) {
                        return true;
                    }
                }
            }
            case NUMERIC -> {
                BigDecimal number = number(actual);
                if (number != null) {
                    for (Object value : resolved) {
                        if (value != null && compares(number.compareTo((BigDecimal) value))) {
                            return true;
                        }
                    }
                }
            }
            case DATE -> {
                Instant instant = PolicyDates.parse(actual);
                if (instant != null) {
                    for (Object value : resolved) {
                        if (value != null && compares(instant.compareTo((Instant) value))) {
                            return true;
                        }
                    }
                }
            }
            case IP -> {
                for (Object value : resolved) {
                    if (value != null && ((IpRange) value).contains(actual)) {
                        return true;
                    }
                }
            }
            case BINARY -> {
                Object bytes = binary(actual);
                for (Object value : resolved) {
                    if (binaryEquals(bytes, value)) {
                        return true;
                    }
                }
            }
            case NULL -> {
                return false;
            }
        }
        return false;
    }

    /** The ordering test of a Numeric or Date operator, given request-value.compareTo(policy-value). */
    private boolean compares(int order) {
        return switch (operator) {
            case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS, DATE_EQUALS, DATE_NOT_EQUALS -> order == 0;
            case NUMERIC_LESS_THAN, DATE_LESS_THAN -> order < 0;
            case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> order <= 0;
            case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> order > 0;
            case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> order >= 0;
            default -> false;
        };
    }

    private static BigDecimal number(String text) {
        String value = text.trim();
        if (value.isEmpty() || value.length() > 64) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Base64 decoded when it is base64, else the text itself (compared as text). */
    private static Object binary(String text) {
        try {
            return Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static boolean binaryEquals(Object actual, Object expected) {
        if (actual instanceof byte[] a && expected instanceof byte[] b) {
            return Arrays.equals(a, b);
        }
        return actual != null && actual.equals(expected);
    }

    @Override
    public String toString() {
        return (qualifier == SetQualifier.FOR_ANY_VALUE ? "ForAnyValue:" : qualifier == SetQualifier.FOR_ALL_VALUES
                ? "ForAllValues:" : "") + operator.policyName() + (ifExists ? "IfExists" : "") + " " + key;
    }
}
