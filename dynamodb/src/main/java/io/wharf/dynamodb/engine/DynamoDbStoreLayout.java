package io.wharf.dynamodb.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.item.AttributeValue;
import io.wharf.dynamodb.item.AttributeValues;
import io.wharf.storage.KeySpace;
import io.wharf.storage.RecordCodec;
import io.wharf.storage.Store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What DynamoDB keeps in the store. Two key spaces, every value a {@link RecordCodec} record of version 1 holding one
 * UTF-8 JSON string:
 * <pre>
 * dynamodb.tables  account "/" region "/" table name (UTF-8) →
 *                  the {@link TableSettings} as JSON (key schema, attribute definitions, billing, indexes, stream,
 *                  SSE, tags, deletion protection, TTL, point-in-time recovery; creation and activation times)
 * dynamodb.items   table id (UUID, ASCII) "/" primary key ({@link PrimaryKey#encode}: per key part its type letter,
 *                  a 4-byte big-endian length and the value's bytes) →
 *                  the item in the wire's AttributeValue JSON ({@code {"pk":{"S":"a"},"n":{"N":"1"}}}, binaries base64)
 * </pre>
 * Items are keyed by the table's id, not its name, so a table deleted and created again under the same name never
 * sees the old items, and DeleteTable is one range delete. Secondary indexes are not stored: {@link Recovery} rebuilds
 * them from the items. JSON keeps the records readable and lets the settings grow new fields (absent fields read as
 * their defaults).
 */
final class DynamoDbStoreLayout {
    static final byte VERSION = 1;
    static final String TABLES = "dynamodb.tables";
    static final String ITEMS = "dynamodb.items";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    final KeySpace tables;
    final KeySpace items;

    DynamoDbStoreLayout(Store store) {
        this.tables = store.keySpace(TABLES);
        this.items = store.keySpace(ITEMS);
    }

    static byte[] tableKey(String account, String region, String name) {
        return (account + "/" + region + "/" + name).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] itemKey(String tableId, PrimaryKey key) {
        byte[] prefix = itemPrefix(tableId);
        byte[] k = key.encode();
        byte[] out = new byte[prefix.length + k.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(k, 0, out, prefix.length, k.length);
        return out;
    }

    static byte[] itemPrefix(String tableId) {
        return (tableId + "/").getBytes(StandardCharsets.US_ASCII);
    }

    /** The first key after every item of the table ('0' follows '/'). */
    static byte[] itemPrefixEnd(String tableId) {
        return (tableId + "0").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] encodeTable(TableSettings settings) {
        try {
            String json = JSON.writeValueAsString(settings);
            return RecordCodec.write(VERSION, out -> RecordCodec.writeString(out, json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TableSettings decodeTable(byte[] value) {
        String json = RecordCodec.read(value, VERSION, "DynamoDB table", RecordCodec::readString);
        try {
            return JSON.readValue(json, TableSettings.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encodeItem(Map<String, AttributeValue> item) {
        String json = AttributeValues.itemToWire(item).toString();
        return RecordCodec.write(VERSION, out -> RecordCodec.writeString(out, json));
    }

    static Map<String, AttributeValue> decodeItem(byte[] value) {
        String json = RecordCodec.read(value, VERSION, "DynamoDB item", RecordCodec::readString);
        try {
            return AttributeValues.itemFromWire((ObjectNode) JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
