package io.wharf.sqs.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * A message (or message system) attribute exactly as sent: the DataType string verbatim (with any custom
 * label) and either a string or a binary value. Kept verbatim because both are part of the MD5 (sqs.md §3.10).
 */
public record MessageAttributeValue(String dataType, String stringValue, byte[] binaryValue) {

    public static MessageAttributeValue string(String dataType, String value) {
        return new MessageAttributeValue(dataType, value, null);
    }

    public static MessageAttributeValue binary(String dataType, byte[] value) {
        return new MessageAttributeValue(dataType, null, value);
    }

    public boolean isBinary() {
        return dataType.startsWith("Binary");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageAttributeValue v && dataType.equals(v.dataType)
                && Objects.equals(stringValue, v.stringValue) && Arrays.equals(binaryValue, v.binaryValue);
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
