package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.item.AttributeValue;
import io.wharf.protocol.AwsException;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Short builders for attribute values and items in the expression tests. */
final class Items {
    private Items() {
    }

    static AttributeValue s(String value) {
        return new AttributeValue.S(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.number(value);
    }

    static AttributeValue b(String utf8) {
        return new AttributeValue.B(utf8.getBytes(StandardCharsets.UTF_8));
    }

    static AttributeValue b(int... bytes) {
        byte[] array = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            array[i] = (byte) bytes[i];
        }
        return new AttributeValue.B(array);
    }

    static AttributeValue ss(String... values) {
        return new AttributeValue.SS(new LinkedHashSet<>(Arrays.asList(values)));
    }

    static AttributeValue ns(String... values) {
        var set = new LinkedHashSet<BigDecimal>();
        for (String v : values) {
            set.add(new BigDecimal(v));
        }
        return new AttributeValue.NS(set);
    }

    static AttributeValue bs(String... utf8) {
        var set = new LinkedHashSet<AttributeValue.Bytes>();
        for (String v : utf8) {
            set.add(new AttributeValue.Bytes(v.getBytes(StandardCharsets.UTF_8)));
        }
        return new AttributeValue.BS(set);
    }

    static AttributeValue l(AttributeValue... values) {
        return new AttributeValue.L(List.of(values));
    }

    static AttributeValue m(Object... keysAndValues) {
        return new AttributeValue.M(item(keysAndValues));
    }

    static AttributeValue bool(boolean value) {
        return new AttributeValue.Bool(value);
    }

    static AttributeValue nul() {
        return AttributeValue.Null.INSTANCE;
    }

    /** {@code item("a", s("x"), "b", n("1"))}. */
    static Map<String, AttributeValue> item(Object... keysAndValues) {
        var item = new LinkedHashMap<String, AttributeValue>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            item.put((String) keysAndValues[i], (AttributeValue) keysAndValues[i + 1]);
        }
        return item;
    }

    /** {@code values(":a", s("x"))}. */
    static Map<String, AttributeValue> values(Object... keysAndValues) {
        return item(keysAndValues);
    }

    /** The ValidationException's message, or a note that nothing was thrown. */
    static String error(Runnable call) {
        try {
            call.run();
        } catch (AwsException e) {
            return e.type() + ": " + e.getMessage();
        }
        return "no error";
    }
}
