package io.wharf.iam.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Policy text that may hold policy variables: {@code ${aws:username}}, {@code ${aws:PrincipalTag/team, 'default'}},
 * any context key, and the escapes {@code ${*}}, {@code ${?}}, {@code ${$}}. Variables exist only in policies of
 * Version {@code 2012-10-17}; elsewhere the text is taken literally. Parsed once; a text without variables is
 * resolved once too.
 *
 * <p>A variable's value is always literal: a {@code *} in a user's name is not a wildcard. A variable whose key is
 * absent (or has several values) and has no default makes the whole text unresolvable, which IAM treats as "matches
 * nothing" for a Resource and "equal to nothing" for a condition value.
 */
final class Template {
    private static final Object[] NO_PARTS = new Object[0];

    /** One variable: a lower-cased context key and its optional default, or an escaped character. */
    private record Variable(String key, String defaultValue, String escaped) {
    }

    private final String raw;
    private final Object[] parts;

    private Template(String raw, Object[] parts) {
        this.raw = raw;
        this.parts = parts;
    }

    /** Text taken literally (no variables). */
    static Template literal(String raw) {
        return new Template(raw, NO_PARTS);
    }

    /**
     * @param variables      whether the policy's Version supports variables
     * @param fromColonCount variables are recognised only after this many colons (5 for a Resource, whose variables
     *                       may appear only in the resource part of the ARN; 0 elsewhere)
     */
    static Template parse(String raw, boolean variables, int fromColonCount) {
        if (!variables || !raw.contains("${")) {
            return literal(raw);
        }
        int start = 0;
        int colons = 0;
        while (colons < fromColonCount && start < raw.length()) {
            if (raw.charAt(start++) == ':') {
                colons++;
            }
        }
        List<Object> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder(raw.substring(0, start));
        int i = start;
        while (i < raw.length()) {
            int open = raw.indexOf("${", i);
            int close = open < 0 ? -1 : raw.indexOf('}', open + 2);
            if (open < 0 || close < 0) {
                text.append(raw, i, raw.length());
                break;
            }
            text.append(raw, i, open);
            Variable variable = variable(raw.substring(open + 2, close));
            if (variable == null) {
                text.append(raw, open, close + 1);
            } else {
                if (!text.isEmpty()) {
                    parts.add(text.toString());
                    text.setLength(0);
                }
                parts.add(variable);
            }
            i = close + 1;
        }
        if (!text.isEmpty()) {
            parts.add(text.toString());
        }
        boolean anyVariable = parts.stream().anyMatch(Variable.class::isInstance);
        return anyVariable ? new Template(raw, parts.toArray()) : literal(raw);
    }

    private static Variable variable(String inside) {
        String body = inside.trim();
        if (body.equals("*") || body.equals("?") || body.equals("$")) {
            return new Variable(null, null, body);
        }
        String defaultValue = null;
        int comma = body.indexOf(',');
        if (comma >= 0) {
            String rest = body.substring(comma + 1).trim();
            if (rest.length() < 2 || rest.charAt(0) != '\'' || rest.charAt(rest.length() - 1) != '\'') {
                return null;
            }
            defaultValue = rest.substring(1, rest.length() - 1);
            body = body.substring(0, comma).trim();
        }
        if (body.isEmpty()) {
            return null;
        }
        return new Variable(body.toLowerCase(Locale.ROOT), defaultValue, null);
    }

    String raw() {
        return raw;
    }

    boolean constant() {
        return parts.length == 0;
    }

    /** The text with every variable replaced, or null when one cannot be resolved. */
    String text(EvaluationContext context) {
        if (constant()) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (Object part : parts) {
            if (part instanceof String literal) {
                out.append(literal);
            } else {
                String value = value((Variable) part, context);
                if (value == null) {
                    return null;
                }
                out.append(value);
            }
        }
        return out.toString();
    }

    /** Wildcard codes for the text, variables' values literal; null when a variable cannot be resolved. */
    int[] codes(EvaluationContext context) {
        if (constant()) {
            return Glob.wildcardCodes(raw);
        }
        int[][] pieces = new int[parts.length][];
        int length = 0;
        for (int i = 0; i < parts.length; i++) {
            Object part = parts[i];
            if (part instanceof String literal) {
                pieces[i] = Glob.wildcardCodes(literal);
            } else {
                String value = value((Variable) part, context);
                if (value == null) {
                    return null;
                }
                pieces[i] = Glob.literalCodes(value);
            }
            length += pieces[i].length;
        }
        int[] codes = new int[length];
        int at = 0;
        for (int[] piece : pieces) {
            System.arraycopy(piece, 0, codes, at, piece.length);
            at += piece.length;
        }
        return codes;
    }

    private static String value(Variable variable, EvaluationContext context) {
        if (variable.escaped() != null) {
            return variable.escaped();
        }
        String value = context.single(variable.key());
        return value != null ? value : variable.defaultValue();
    }

    @Override
    public String toString() {
        return raw;
    }
}
