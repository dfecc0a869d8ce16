package io.wharf.dynamodb.engine;

import io.wharf.dynamodb.DynamoDbErrors;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * DynamoDB's tables: CreateTable (key schema, attribute definitions, indexes, billing, stream, SSE, tags, deletion
 * protection), their status by the clock (CREATING until {@code activation} has passed, then ACTIVE; a global index
 * added by UpdateTable likewise), UpdateTable, DeleteTable, ListTables, tags, TTL and point-in-time-recovery settings.
 * Items live in {@link Items}, queries and scans in {@link Reads}, both on the {@link Table}s this engine holds.
 *
 * <p>Tables are created and deleted under one engine lock; each table's changes under its own lock, committed to the
 * store before the answer.
 */
public final class DynamoDbEngine {
    /** AWS's account limits, as DescribeLimits answers them. */
    public static final long ACCOUNT_MAX_CAPACITY = 80_000;
    public static final long TABLE_MAX_CAPACITY = 40_000;
    private static final int MAX_GLOBAL_INDEXES = 20;
    private static final int MAX_LOCAL_INDEXES = 5;

    final Store store;
    final Clock clock;
    final DynamoDbStoreLayout layout;
    private final Duration activation;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final Object catalog = new Object();

    /**
     * @param activation how long a new table or global index stays CREATING (AWS: seconds to minutes; Wharf: what
     *                   {@code --dynamodb-create-delay} says, default none — DescribeTable answers ACTIVE at once)
     */
    public DynamoDbEngine(Store store, Clock clock, Duration activation) {
        this.store = store;
        this.clock = clock;
        this.activation = activation;
        this.layout = new DynamoDbStoreLayout(store);
        Recovery.load(store, layout, tables);
    }

    static String id(String account, String region, String name) {
        return account + "/" + region + "/" + name;
    }

    /** A table name or ARN as the TableName members accept it: the name. */
    public static String tableName(String nameOrArn) {
        if (nameOrArn != null && nameOrArn.startsWith("arn:")) {
            int slash = nameOrArn.indexOf(":table/");
            if (slash >= 0) {
                String rest = nameOrArn.substring(slash + 7);
                int more = rest.indexOf('/');
                return more < 0 ? rest : rest.substring(0, more);
            }
        }
        return nameOrArn;
    }

    /** The table for an item operation; ResourceNotFoundException ("Requested resource not found") when absent. */
    Table table(String account, String region, String name) {
        Table t = tables.get(id(account, region, tableName(name)));
        if (t == null) {
            throw DynamoDbErrors.noSuchTable();
        }
        return t;
    }

    /** The table for a table operation; ResourceNotFoundException naming it when absent. */
    private Table named(String account, String region, String name) {
        Table t = tables.get(id(account, region, tableName(name)));
        if (t == null) {
            throw DynamoDbErrors.tableNotFound(tableName(name));
        }
        return t;
    }

    /** Whether the table exists (for access checks). */
    public boolean exists(String account, String region, String name) {
        return tables.containsKey(id(account, region, tableName(name)));
    }

    // ---------------------------------------------------------------- CreateTable

    public TableView create(String account, String region, NewTable request) {
        long now = clock.millis();
        TableSettings settings = TableRules.settingsOf(account, region, request, UUID.randomUUID().toString(), now,
                now + activation.toMillis());
        synchronized (catalog) {
            String id = id(account, region, request.name());
            if (tables.containsKey(id)) {
                throw DynamoDbErrors.RESOURCE_IN_USE.error("Table already exists: " + request.name());
            }
            Table table = new Table(settings);
            store.commit(new WriteBatch().put(layout.tables,
                    DynamoDbStoreLayout.tableKey(account, region, request.name()),
                    DynamoDbStoreLayout.encodeTable(settings)));
            tables.put(id, table);
            return view(table, "CREATING");
        }
    }

    // ---------------------------------------------------------------- DescribeTable, ListTables

    public TableView describe(String account, String region, String name) {
        Table table = named(account, region, name);
        table.lock.readLock().lock();
        try {
            return view(table, null);
        } finally {
            table.lock.readLock().unlock();
        }
    }

    /** @param status the status to show, or null for the one the clock says */
    private TableView view(Table table, String status) {
        TableSettings s = table.settings;
        long now = clock.millis();
        Map<String, TableView.IndexView> indexes = new LinkedHashMap<>();
        for (IndexSpec index : s.indexes()) {
            var entries = table.index(index.name());
            long size = 0;
            if (entries != null) {
                for (PrimaryKey key : entries.values()) {
                    size += io.wharf.dynamodb.item.AttributeValues.size(table.items.get(key));
                }
            }
            indexes.put(index.name(), new TableView.IndexView(now < index.activeAtMillis() ? "CREATING" : "ACTIVE",
                    entries == null ? 0 : entries.size(), size));
        }
        String shown = status != null ? status : now < s.activeAtMillis() ? "CREATING" : "ACTIVE";
        return new TableView(s, shown, table.items.size(), table.sizeBytes, indexes);
    }

    /** One page of table names in name order after {@code exclusiveStart}, and whether more follow. */
    public record TableNames(List<String> names, String lastEvaluated) {
    }

    public TableNames list(String account, String region, String exclusiveStart, int limit) {
        String prefix = account + "/" + region + "/";
        TreeMap<String, String> names = new TreeMap<>();
        tables.keySet().forEach(id -> {
            if (id.startsWith(prefix)) {
                String name = id.substring(prefix.length());
                names.put(name, name);
            }
        });
        List<String> page = new ArrayList<>();
        var tail = exclusiveStart == null ? names.navigableKeySet() : names.navigableKeySet().tailSet(exclusiveStart,
                false);
        for (String name : tail) {
            if (page.size() == limit) {
                break;
            }
            page.add(name);
        }
        boolean more = !page.isEmpty() && tail.higher(page.get(page.size() - 1)) != null && page.size() == limit;
        return new TableNames(page, more ? page.get(page.size() - 1) : null);
    }

    // ---------------------------------------------------------------- UpdateTable

    /** UpdateTable's parameters, typed (null: unchanged). */
    public record TableUpdate(Map<String, String> attributeDefinitions, String billingMode, Long readCapacity,
                              Long writeCapacity, List<NewTable.NewIndex> createIndexes, List<String> deleteIndexes,
                              Map<String, long[]> indexThroughput, Boolean streamEnabled, String streamViewType,
                              Boolean sseEnabled, String sseType, String kmsMasterKeyId, Boolean deletionProtection,
                              String tableClass) {
    }

    public TableView update(String account, String region, String name, TableUpdate update) {
        Table table = named(account, region, name);
        table.lock.writeLock().lock();
        try {
            long now = clock.millis();
            TableSettings before = table.settings;
            TableSettings after = TableRules.update(before, update, now, now + activation.toMillis());
            table.settings = after;
            for (IndexSpec index : after.indexes()) {
                if (before.index(index.name()) == null) {
                    table.backfill(index);
                }
            }
            for (IndexSpec index : before.indexes()) {
                if (after.index(index.name()) == null) {
                    table.indexes.remove(index.name());
                }
            }
            commitSettings(table);
            return view(table, "UPDATING");
        } finally {
            table.lock.writeLock().unlock();
        }
    }

    // ---------------------------------------------------------------- DeleteTable

    public TableView delete(String account, String region, String name) {
        synchronized (catalog) {
            Table table = named(account, region, name);
            table.lock.writeLock().lock();
            try {
                TableSettings s = table.settings;
                if (s.deletionProtection()) {
                    throw DynamoDbErrors.validation("Resource cannot be deleted as it is currently protected "
                            + "against deletion. Disable deletion protection first.");
                }
                TableView view = view(table, "DELETING");
                store.commit(new WriteBatch()
                        .delete(layout.tables, DynamoDbStoreLayout.tableKey(s.account(), s.region(), s.name()))
                        .deleteRange(layout.items, DynamoDbStoreLayout.itemPrefix(s.tableId()),
                                DynamoDbStoreLayout.itemPrefixEnd(s.tableId())));
                tables.remove(id(s.account(), s.region(), s.name()));
                return view;
            } finally {
                table.lock.writeLock().unlock();
            }
        }
    }

    // ---------------------------------------------------------------- tags, TTL, PITR

    /** The table an ARN names, ResourceNotFoundException ("Requested resource not found: ResourcArn: …") if none. */
    private Table byArn(String account, String region, String arn) {
        String name = tableName(arn);
        Table t = name == null ? null : tables.get(id(account, region, name));
        if (t == null || !arn.equals(t.settings.arn())) {
            throw DynamoDbErrors.RESOURCE_NOT_FOUND.error("Requested resource not found: ResourcArn: " + arn
                    + " not found");
        }
        return t;
    }

    public Map<String, String> tags(String account, String region, String arn) {
        return byArn(account, region, arn).settings.tags();
    }

    public void tag(String account, String region, String arn, Map<String, String> tags) {
        Table table = byArn(account, region, arn);
        if (table.settings.tags().size() + tags.size() > 50) {
            Map<String, String> merged = new LinkedHashMap<>(table.settings.tags());
            merged.putAll(tags);
            if (merged.size() > 50) {
                throw DynamoDbErrors.LIMIT_EXCEEDED.error("Too many tags attached to the resource");
            }
        }
        change(table, b -> b.tags.putAll(tags));
    }

    public void untag(String account, String region, String arn, List<String> keys) {
        change(byArn(account, region, arn), b -> keys.forEach(b.tags::remove));
    }

    /** Tags of a table by ARN for access checks; empty when there is none. */
    public Map<String, String> tagsOrEmpty(String arn) {
        String name = tableName(arn);
        for (Table t : tables.values()) {
            if (t.settings.arn().equals(arn) && t.settings.name().equals(name)) {
                return t.settings.tags();
            }
        }
        return Map.of();
    }

    public TableSettings settings(String account, String region, String name) {
        return named(account, region, name).settings;
    }

    public TableSettings updateTimeToLive(String account, String region, String name, boolean enabled,
                                          String attribute) {
        Table table = named(account, region, name);
        TableSettings s = table.settings;
        if (enabled && s.ttlEnabled()) {
            throw DynamoDbErrors.validation("TimeToLive is already enabled");
        }
        if (!enabled && !s.ttlEnabled()) {
            throw DynamoDbErrors.validation("TimeToLive is already disabled");
        }
        if (!enabled && s.ttlAttribute() != null && !s.ttlAttribute().equals(attribute)) {
            throw DynamoDbErrors.validation("Invalid TimeToLive AttributeName: " + attribute);
        }
        return change(table, b -> {
            b.ttlEnabled = enabled;
            b.ttlAttribute = enabled ? attribute : null;
        });
    }

    /** DescribeContinuousBackups: the table's settings; a missing table is the backup API's TableNotFoundException. */
    public TableSettings continuousBackups(String account, String region, String name) {
        return forBackups(account, region, name).settings;
    }

    /** UpdateContinuousBackups; a missing table is the backup API's TableNotFoundException. */
    public TableSettings updatePointInTimeRecovery(String account, String region, String name, boolean enabled) {
        return change(forBackups(account, region, name), b -> b.pointInTimeRecovery = enabled);
    }

    /** The named table for the backup API, which says TableNotFoundException where the others say ResourceNotFound. */
    private Table forBackups(String account, String region, String name) {
        Table t = tables.get(id(account, region, tableName(name)));
        if (t == null) {
            throw DynamoDbErrors.TABLE_NOT_FOUND.error("Table not found: " + tableName(name));
        }
        return t;
    }

    private TableSettings change(Table table, Consumer<TableSettings.Builder> change) {
        table.lock.writeLock().lock();
        try {
            table.settings = table.settings.with(change);
            commitSettings(table);
            return table.settings;
        } finally {
            table.lock.writeLock().unlock();
        }
    }

    private void commitSettings(Table table) {
        TableSettings s = table.settings;
        store.commit(new WriteBatch().put(layout.tables, DynamoDbStoreLayout.tableKey(s.account(), s.region(),
                s.name()), DynamoDbStoreLayout.encodeTable(s)));
    }
}
