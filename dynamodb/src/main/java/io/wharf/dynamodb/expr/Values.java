package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.item.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * How DynamoDB compares and measures attribute values: numbers by value, strings by their UTF-8 bytes (the same as
 * code point order), binary unsigned byte by byte; values of different types are never ordered (a comparison between
 * them is false, not an error); equality is by type and value, sets regardless of order.
 */
final class Values {
    private Values() {
    }

    static boolean equal(AttributeValue a, AttributeValue b) {
        return a != null && a.equals(b);
    }

    /** The order of two scalars of the same type (N, S or B), or null when they are not comparable. */
    static Integer compare(AttributeValue a, AttributeValue b) {
        if (a == null || b == null) {
            return null;
        }
        return switch (a) {
            case AttributeValue.N n when b instanceof AttributeValue.N m -> n.value().compareTo(m.value());
            case AttributeValue.S s when b instanceof AttributeValue.S t -> compareStrings(s.value(), t.value());
            case AttributeValue.B x when b instanceof AttributeValue.B y -> x.value().compareTo(y.value());
            default -> null;
        };
    }

    /** UTF-8 byte order, which is code point order (not Java's UTF-16 unit order). */
    static int compareStrings(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** {@code size(path)}: string bytes, binary bytes, set, list and map elements; null for types without a size. */
    static Integer size(AttributeValue value) {
        return switch (value) {
            case AttributeValue.S s -> s.value().getBytes(StandardCharsets.UTF_8).length;
            case AttributeValue.B b -> b.value().length();
            case AttributeValue.SS ss -> ss.values().size();
            case AttributeValue.NS ns -> ns.values().size();
            case AttributeValue.BS bs -> bs.values().size();
            case AttributeValue.L l -> l.values().size();
            case AttributeValue.M m -> m.values().size();
            case null, default -> null;
        };
    }

    /** {@code contains(path, operand)}: a substring of a string (or bytes of a binary), a set's element, a list's element. */
    static boolean contains(AttributeValue haystack, AttributeValue needle) {
        if (haystack == null || needle == null) {
            return false;
        }
        return switch (haystack) {
            case AttributeValue.S s when needle instanceof AttributeValue.S t -> s.value().contains(t.value());
            case AttributeValue.B b when needle instanceof AttributeValue.B n ->
                    indexOf(b.value().toArray(), n.value().toArray()) >= 0;
            case AttributeValue.SS ss when needle instanceof AttributeValue.S t -> ss.values().contains(t.value());
            case AttributeValue.NS ns when needle instanceof AttributeValue.N n -> ns.values().contains(n.value());
            case AttributeValue.BS bs when needle instanceof AttributeValue.B n -> bs.values().contains(n.value());
            case AttributeValue.L l -> l.values().contains(needle);
            default -> false;
        };
    }

    /** {@code begins_with(path, prefix)}: strings and binaries only. */
    static boolean beginsWith(AttributeValue value, AttributeValue prefix) {
        if (value instanceof AttributeValue.S s && prefix instanceof AttributeValue.S p) {
            return s.value().startsWith(p.value());
        }
        if (value instanceof AttributeValue.B b && prefix instanceof AttributeValue.B p) {
            byte[] bytes = b.value().toArray();
            byte[] start = p.value().toArray();
            return bytes.length >= start.length && Arrays.equals(bytes, 0, start.length, start, 0, start.length);
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A value as AWS prints it in messages: {@code AttributeValue: {N:2}}. */
    static String describe(AttributeValue value) {
        String text = switch (value) {
            case AttributeValue.S s -> s.value();
            case AttributeValue.N n -> n.text();
            case AttributeValue.B b -> Base64.getEncoder().encodeToString(b.value().toArray());
            case AttributeValue.Bool b -> String.valueOf(b.value());
            case AttributeValue.Null ignored -> "true";
            default -> value.toString();
        };
        return "AttributeValue: {" + value.type() + ":" + text + "}";
    }

    /** The long type names of the update checks' messages. */
    static String longTypeName(AttributeValue value) {
        return switch (value.type()) {
            case "S" -> "STRING";
            case "N" -> "NUMBER";
            case "B" -> "BINARY";
            case "BOOL" -> "BOOLEAN";
            case "NULL" -> "NULL";
            case "L" -> "LIST";
            case "M" -> "MAP";
            default -> value.type();
        };
    }
}
