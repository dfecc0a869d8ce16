package io.wharf.dynamodb.engine;

import io.wharf.dynamodb.DynamoDbErrors;
import io.wharf.dynamodb.item.AttributeValue;
import io.wharf.dynamodb.item.AttributeValues;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DynamoDB's key rules with AWS's texts: key attributes present and of their defined type (S, N or B), no empty
 * string or binary in a key, at most 2048 bytes of partition key and 1024 of sort key; a {@code Key} parameter names
 * exactly the key attributes; index key attributes, when an item has them, are of their defined type.
 */
public final class Keys {
    static final int MAX_HASH_BYTES = 2048;
    static final int MAX_RANGE_BYTES = 1024;

    private Keys() {
    }

    /** The primary key of a whole item (PutItem): every key attribute must be there. */
    public static PrimaryKey ofItem(TableSettings table, Map<String, AttributeValue> item) {
        KeySchema keys = table.keys();
        AttributeValue hash = required(table, item, keys.hashName());
        AttributeValue range = keys.hasRange() ? required(table, item, keys.rangeName()) : null;
        checkIndexKeys(table, item);
        return new PrimaryKey(hash, range);
    }

    private static AttributeValue required(TableSettings table, Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null) {
            throw DynamoDbErrors.validation("One or more parameter values were invalid: Missing the key " + name
                    + " in the item");
        }
        checkKeyValue(table, name, v, name.equals(table.keys().hashName()));
        return v;
    }

    /** A {@code Key} parameter (GetItem, UpdateItem, DeleteItem…): exactly the table's key attributes. */
    public static PrimaryKey ofKey(TableSettings table, Map<String, AttributeValue> key) {
        KeySchema keys = table.keys();
        int expected = keys.hasRange() ? 2 : 1;
        AttributeValue hash = key.get(keys.hashName());
        AttributeValue range = keys.hasRange() ? key.get(keys.rangeName()) : null;
        if (key.size() != expected || hash == null || (keys.hasRange() && range == null)) {
            throw DynamoDbErrors.validation("The provided key element does not match the schema");
        }
        if (!hash.type().equals(table.attributeDefinitions().get(keys.hashName()))
                || (range != null && !range.type().equals(table.attributeDefinitions().get(keys.rangeName())))) {
            throw DynamoDbErrors.validation("The provided key element does not match the schema");
        }
        checkKeyValue(table, keys.hashName(), hash, true);
        if (range != null) {
            checkKeyValue(table, keys.rangeName(), range, false);
        }
        return new PrimaryKey(hash, range);
    }

    private static void checkKeyValue(TableSettings table, String name, AttributeValue v, boolean isHash) {
        String expected = table.attributeDefinitions().get(name);
        if (!v.type().equals(expected)) {
            throw DynamoDbErrors.validation("One or more parameter values were invalid: Type mismatch for key "
                    + name + " expected: " + expected + " actual: " + v.type());
        }
        long length = PrimaryKey.bytes(v).length;
        if (length == 0) {
            throw DynamoDbErrors.validation("One or more parameter values are not valid. The AttributeValue for a "
                    + "key attribute cannot contain an empty " + (v instanceof AttributeValue.B ? "binary" : "string")
                    + " value. Key: " + name);
        }
        if (isHash && length > MAX_HASH_BYTES) {
            throw DynamoDbErrors.validation("One or more parameter values were invalid: Size of hashkey has exceeded "
                    + "the maximum size limit of" + MAX_HASH_BYTES + " bytes");
        }
        if (!isHash && length > MAX_RANGE_BYTES) {
            throw DynamoDbErrors.validation("One or more parameter values were invalid: Aggregated size of all range "
                    + "keys has exceeded the size limit of " + MAX_RANGE_BYTES + " bytes");
        }
    }

    /** An item's index key attributes, where present, must be of their defined type and not empty. */
    static void checkIndexKeys(TableSettings table, Map<String, AttributeValue> item) {
        for (IndexSpec index : table.indexes()) {
            for (String name : new String[]{index.keys().hashName(), index.keys().rangeName()}) {
                if (name == null || table.keys().isKey(name)) {
                    continue;
                }
                AttributeValue v = item.get(name);
                String expected = table.attributeDefinitions().get(name);
                if (v == null) {
                    continue;
                }
                if (!v.type().equals(expected)) {
                    throw DynamoDbErrors.validation("One or more parameter values were invalid: Type mismatch for "
                            + "Index Key " + name + " Expected: " + expected + " Actual: " + v.type()
                            + " IndexName: " + index.name());
                }
                if (PrimaryKey.bytes(v).length == 0) {
                    throw DynamoDbErrors.validation("One or more parameter values are not valid. A value specified "
                            + "for a secondary index key is not supported. The AttributeValue for a key attribute "
                            + "cannot contain an empty string value. IndexName: " + index.name()
                            + ", IndexKey: " + name);
                }
            }
        }
    }

    /** The index entry key of an item, or null when the item lacks one of the index's key attributes (sparse). */
    static PrimaryKey ofIndex(IndexSpec index, Map<String, AttributeValue> item) {
        AttributeValue hash = item.get(index.keys().hashName());
        AttributeValue range = index.keys().hasRange() ? item.get(index.keys().rangeName()) : null;
        if (hash == null || (index.keys().hasRange() && range == null)) {
            return null;
        }
        return new PrimaryKey(hash, range);
    }

    /** The key attributes of an item as a map (what LastEvaluatedKey and KEYS_ONLY projections show). */
    static Map<String, AttributeValue> keyAttributes(TableSettings table, IndexSpec index,
                                                     Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        put(out, item, table.keys().hashName());
        put(out, item, table.keys().rangeName());
        if (index != null) {
            put(out, item, index.keys().hashName());
            put(out, item, index.keys().rangeName());
        }
        return out;
    }

    private static void put(Map<String, AttributeValue> out, Map<String, AttributeValue> item, String name) {
        if (name != null && item.containsKey(name)) {
            out.put(name, item.get(name));
        }
    }

    /** The item limit, with UpdateItem's own wording. */
    static void checkSize(Map<String, AttributeValue> item, boolean update) {
        if (AttributeValues.size(item) > AttributeValues.MAX_ITEM_BYTES) {
            throw DynamoDbErrors.validation(update ? "Item size to update has exceeded the maximum allowed size"
                    : "Item size has exceeded the maximum allowed size");
        }
    }
}
