package io.wharf.dynamodb.item;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One DynamoDB attribute value: the ten types of the wire's {@code AttributeValue} union. Values are immutable;
 * sets and maps keep the order they were built in (AWS does not promise set order, Wharf answers in insertion
 * order). Numbers are kept as {@link BigDecimal} already checked against AWS's rules ({@link Numbers}), so two
 * numbers are equal when their values are ({@code 1.0} = {@code 1}), as in DynamoDB.
 * <pre>
 * AttributeValue v = new AttributeValue.S("hello");
 * AttributeValue n = AttributeValue.number("42");        // ValidationException text on a bad number
 * </pre>
 */
public sealed interface AttributeValue {

    /** The wire type descriptor: {@code S N B SS NS BS M L BOOL NULL}. */
    String type();

    /** A string; never null. DynamoDB refuses empty strings only in keys. */
    record S(String value) implements AttributeValue {
        public S {
            Objects.requireNonNull(value);
        }

        @Override
        public String type() {
            return "S";
        }
    }

    /** A number, normalised (no trailing zeros), so equal values are {@code equals}. */
    record N(BigDecimal value) implements AttributeValue {
        public N {
            value = Numbers.normalise(value);
        }

        @Override
        public String type() {
            return "N";
        }

        /** The number as DynamoDB answers it: plain notation, no exponent, no trailing zeros. */
        public String text() {
            return value.toPlainString();
        }
    }

    /** A binary value. */
    record B(Bytes value) implements AttributeValue {
        public B {
            Objects.requireNonNull(value);
        }

        public B(byte[] bytes) {
            this(new Bytes(bytes));
        }

        @Override
        public String type() {
            return "B";
        }
    }

    /** A string set; never empty, no duplicates. */
    record SS(Set<String> values) implements AttributeValue {
        public SS {
            values = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(values));
        }

        @Override
        public String type() {
            return "SS";
        }
    }

    /** A number set; never empty, no duplicates (by value). */
    record NS(Set<BigDecimal> values) implements AttributeValue {
        public NS {
            var normalised = new java.util.LinkedHashSet<BigDecimal>();
            for (BigDecimal v : values) {
                normalised.add(Numbers.normalise(v));
            }
            values = java.util.Collections.unmodifiableSet(normalised);
        }

        @Override
        public String type() {
            return "NS";
        }
    }

    /** A binary set; never empty, no duplicates. */
    record BS(Set<Bytes> values) implements AttributeValue {
        public BS {
            values = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(values));
        }

        @Override
        public String type() {
            return "BS";
        }
    }

    /** A map of attribute values, in insertion order. */
    record M(Map<String, AttributeValue> values) implements AttributeValue {
        public M {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }

        @Override
        public String type() {
            return "M";
        }
    }

    /** A list of attribute values. */
    record L(List<AttributeValue> values) implements AttributeValue {
        public L {
            values = List.copyOf(values);
        }

        @Override
        public String type() {
            return "L";
        }
    }

    /** A boolean. */
    record Bool(boolean value) implements AttributeValue {
        @Override
        public String type() {
            return "BOOL";
        }
    }

    /** The null value ({@code {"NULL": true}}). */
    record Null() implements AttributeValue {
        public static final Null INSTANCE = new Null();

        @Override
        public String type() {
            return "NULL";
        }
    }

    /** Parses a wire number, with AWS's validation messages. */
    static N number(String text) {
        return new N(Numbers.parse(text));
    }

    /** Bytes with value equality, ordered as DynamoDB orders binary (unsigned, byte by byte). */
    final class Bytes implements Comparable<Bytes> {
        private final byte[] bytes;

        public Bytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        public byte[] toArray() {
            return bytes.clone();
        }

        public int length() {
            return bytes.length;
        }

        @Override
        public int compareTo(Bytes other) {
            return Arrays.compareUnsigned(bytes, other.bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return HexFormat.of().formatHex(bytes);
        }
    }
}
