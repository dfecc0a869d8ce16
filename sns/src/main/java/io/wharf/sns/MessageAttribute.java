package io.wharf.sns;

import java.util.Arrays;
import java.util.Objects;

/**
 * A message attribute as published: its DataType ({@code String}, {@code String.Array}, {@code Number},
 * {@code Binary}, possibly with a custom label) and a string or a binary value.
 */
public record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {

    public static MessageAttribute string(String dataType, String value) {
        return new MessageAttribute(dataType, value, null);
    }

    public boolean isBinary() {
        return dataType.startsWith("Binary");
    }

    /** The type without a custom label: {@code Number.float} is a {@code Number}. */
    public String baseType() {
        if (dataType.startsWith("String.Array")) {
            return "String.Array";
        }
        int dot = dataType.indexOf('.');
        return dot < 0 ? dataType : dataType.substring(0, dot);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageAttribute a && dataType.equals(a.dataType)
                && Objects.equals(stringValue, a.stringValue) && Arrays.equals(binaryValue, a.binaryValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataType, stringValue) * 31 + Arrays.hashCode(binaryValue);
    }

    @Override
    public String toString() {
        return dataType + "=" + (binaryValue != null ? binaryValue.length + " bytes" : stringValue);
    }
}
