package io.wharf.dynamodb.engine;

/**
 * A table's or index's key: the partition (HASH) attribute and, for composite keys, the sort (RANGE) attribute.
 *
 * @param hashName  the partition key attribute
 * @param rangeName the sort key attribute, or null
 */
public record KeySchema(String hashName, String rangeName) {
    public boolean hasRange() {
        return rangeName != null;
    }

    public boolean isKey(String attribute) {
        return attribute.equals(hashName) || attribute.equals(rangeName);
    }
}
