package io.wharf.dynamodb.engine;

import io.wharf.dynamodb.item.AttributeValue;
import io.wharf.storage.Store;

import java.util.HashMap;
import java.util.Map;

/**
 * Rebuilds DynamoDB's memory on start: every table from {@code dynamodb.tables}, then every item from
 * {@code dynamodb.items} into its table (by table id), and with them the secondary indexes, which are not stored.
 * Items of a table id no table has (none should exist: DeleteTable removes both in one batch) are skipped.
 */
final class Recovery {
    private Recovery() {
    }

    static void load(Store store, DynamoDbStoreLayout layout, Map<String, Table> tables) {
        Map<String, Table> byId = new HashMap<>();
        store.scan(layout.tables, new byte[0], (k, v) -> {
            TableSettings settings = DynamoDbStoreLayout.decodeTable(v);
            Table table = new Table(settings);
            tables.put(DynamoDbEngine.id(settings.account(), settings.region(), settings.name()), table);
            byId.put(settings.tableId(), table);
        });
        store.scan(layout.items, new byte[0], (k, v) -> {
            String key = new String(k, 0, Math.min(36, k.length), java.nio.charset.StandardCharsets.US_ASCII);
            Table table = byId.get(key);
            if (table == null) {
                return;
            }
            Map<String, AttributeValue> item = DynamoDbStoreLayout.decodeItem(v);
            table.put(Keys.ofItem(table.settings, item), item);
        });
    }
}
