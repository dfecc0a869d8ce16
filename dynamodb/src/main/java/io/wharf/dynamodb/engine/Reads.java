package io.wharf.dynamodb.engine;

import io.wharf.dynamodb.DynamoDbErrors;
import io.wharf.dynamodb.expr.Condition;
import io.wharf.dynamodb.expr.KeyCondition;
import io.wharf.dynamodb.expr.Projection;
import io.wharf.dynamodb.item.AttributeValue;
import io.wharf.dynamodb.item.AttributeValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Query and Scan on a table or a secondary index, in key order (partitions by hash, sort keys in AWS's order),
 * with AWS's paging: {@code Limit} counts the items read, the filter applies after it, a page stops at 1 MB of items
 * read, and {@code LastEvaluatedKey} (the table's key attributes, plus the index's for an index) says where the next
 * page starts. Global indexes are sparse: items without the index's key attributes are not in them.
 */
public final class Reads {
    /** A page stops once this many bytes of items were read (AWS: 1 MB). */
    static final long MAX_PAGE_BYTES = 1024 * 1024;

    private final DynamoDbEngine engine;

    public Reads(DynamoDbEngine engine) {
        this.engine = engine;
    }

    /** What to return: {@code ALL_ATTRIBUTES}, {@code ALL_PROJECTED_ATTRIBUTES}, {@code SPECIFIC_ATTRIBUTES}, {@code COUNT}. */
    public record Request(String table, String indexName, Integer limit, Map<String, AttributeValue> exclusiveStartKey,
                          Condition filter, Projection projection, String select) {
    }

    /** One page: the items (empty for COUNT), how many matched and were read, where to go on (null: done). */
    public record Page(List<Map<String, AttributeValue>> items, int count, int scannedCount,
                       Map<String, AttributeValue> lastEvaluatedKey, long bytesRead) {
    }

    public Page query(String account, String region, Request r, KeyCondition condition, boolean forward) {
        Table table = engine.table(account, region, r.table());
        return durable(table, () -> {
            TableSettings s = table.settings;
            IndexSpec index = index(s, r.indexName());
            KeySchema keys = index == null ? s.keys() : index.keys();
            KeyCondition kc = normalise(condition, keys);
            String hashType = s.attributeDefinitions().get(keys.hashName());
            if (!kc.partitionValue().type().equals(hashType)) {
                throw DynamoDbErrors.validation("One or more parameter values were invalid: Condition parameter type "
                        + "does not match schema type");
            }
            if (kc.sort() != null) {
                String rangeType = s.attributeDefinitions().get(keys.rangeName());
                for (AttributeValue operand : kc.sort().operands()) {
                    if (!operand.type().equals(rangeType)) {
                        throw DynamoDbErrors.validation("One or more parameter values were invalid: Condition "
                                + "parameter type does not match schema type");
                    }
                }
                if (kc.sort().operator() == KeyCondition.Operator.BEGINS_WITH && "N".equals(rangeType)) {
                    throw DynamoDbErrors.validation("Invalid KeyConditionExpression: Incorrect operand type for "
                            + "operator or function; operator or function: begins_with, operand type: N");
                }
            }
            checkSelect(s, index, r.select());
            PrimaryKey low = new PrimaryKey(kc.partitionValue(), PrimaryKey.LOWEST);
            PrimaryKey high = new PrimaryKey(kc.partitionValue(), PrimaryKey.HIGHEST);
            if (index == null) {
                NavigableMap<PrimaryKey, Map<String, AttributeValue>> partition = table.items.subMap(low, true, high,
                        true);
                if (!forward) {
                    partition = partition.descendingMap();
                }
                if (r.exclusiveStartKey() != null) {
                    PrimaryKey start = startKey(s, null, r.exclusiveStartKey());
                    partition = partition.tailMap(start, false);
                }
                return page(table, null, r, partition.entrySet().stream()
                        .filter(e -> matches(kc, e.getKey().range())).map(Map.Entry::getValue).iterator());
            }
            NavigableMap<IndexEntry, PrimaryKey> entries = table.index(index.name()).subMap(
                    new IndexEntry(low, null), true, new IndexEntry(high, null), true);
            if (!forward) {
                entries = entries.descendingMap();
            }
            if (r.exclusiveStartKey() != null) {
                entries = entries.tailMap(startEntry(s, index, r.exclusiveStartKey()), false);
            }
            return page(table, index, r, entries.entrySet().stream()
                    .filter(e -> matches(kc, e.getKey().indexKey().range()))
                    .map(e -> table.items.get(e.getValue())).iterator());
        });
    }

    /** Scan; {@code segment} and {@code totalSegments} both null, or both set (checked by the operation). */
    public Page scan(String account, String region, Request r, Integer segment, Integer totalSegments) {
        Table table = engine.table(account, region, r.table());
        return durable(table, () -> {
            TableSettings s = table.settings;
            IndexSpec index = index(s, r.indexName());
            checkSelect(s, index, r.select());
            if (index == null) {
                NavigableMap<PrimaryKey, Map<String, AttributeValue>> items = table.items;
                if (segment != null) {
                    PrimaryKey from = PrimaryKey.lowerBound(PrimaryKey.segmentStart(segment, totalSegments));
                    items = segment + 1 == totalSegments ? items.tailMap(from, true)
                            : items.subMap(from, true,
                            PrimaryKey.lowerBound(PrimaryKey.segmentStart(segment + 1, totalSegments)), false);
                }
                if (r.exclusiveStartKey() != null) {
                    items = items.tailMap(startKey(s, null, r.exclusiveStartKey()), false);
                }
                return page(table, null, r, items.values().iterator());
            }
            NavigableMap<IndexEntry, PrimaryKey> entries = table.index(index.name());
            if (segment != null) {
                IndexEntry from = new IndexEntry(PrimaryKey.lowerBound(PrimaryKey.segmentStart(segment,
                        totalSegments)), null);
                entries = segment + 1 == totalSegments ? entries.tailMap(from, true)
                        : entries.subMap(from, true, new IndexEntry(PrimaryKey.lowerBound(
                        PrimaryKey.segmentStart(segment + 1, totalSegments)), null), false);
            }
            if (r.exclusiveStartKey() != null) {
                entries = entries.tailMap(startEntry(s, index, r.exclusiveStartKey()), false);
            }
            return page(table, index, r, entries.values().stream().map(table.items::get).iterator());
        });
    }

    private static IndexSpec index(TableSettings s, String name) {
        if (name == null) {
            return null;
        }
        IndexSpec index = s.index(name);
        if (index == null) {
            throw DynamoDbErrors.validation("The table does not have the specified index: " + name);
        }
        return index;
    }

    private static void checkSelect(TableSettings s, IndexSpec index, String select) {
        if ("ALL_ATTRIBUTES".equals(select) && index != null && index.global()
                && !"ALL".equals(index.projectionType())) {
            throw DynamoDbErrors.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES "
                    + "is not supported for global secondary index " + index.name() + " because its projection type "
                    + "is not ALL");
        }
        if ("ALL_PROJECTED_ATTRIBUTES".equals(select) && index == null) {
            throw DynamoDbErrors.validation("One or more parameter values were invalid: Select type "
                    + "ALL_PROJECTED_ATTRIBUTES is not supported for a table without an index");
        }
    }

    /** The key condition with its names checked against the key schema (an equality on the sort key first is swapped). */
    private static KeyCondition normalise(KeyCondition kc, KeySchema keys) {
        if (!kc.partitionName().equals(keys.hashName()) && kc.sort() != null
                && kc.partitionName().equals(keys.rangeName()) && kc.sort().name().equals(keys.hashName())
                && kc.sort().operator() == KeyCondition.Operator.EQ) {
            kc = new KeyCondition(kc.sort().name(), kc.sort().operands().get(0), new KeyCondition.SortCondition(
                    kc.partitionName(), KeyCondition.Operator.EQ, List.of(kc.partitionValue())));
        }
        if (!kc.partitionName().equals(keys.hashName())) {
            throw DynamoDbErrors.validation("Query condition missed key schema element: " + keys.hashName());
        }
        if (kc.sort() != null && !kc.sort().name().equals(keys.rangeName())) {
            throw DynamoDbErrors.validation("Query condition missed key schema element: "
                    + (keys.rangeName() == null ? kc.sort().name() : keys.rangeName()));
        }
        return kc;
    }

    private static boolean matches(KeyCondition kc, AttributeValue sort) {
        KeyCondition.SortCondition c = kc.sort();
        if (c == null) {
            return true;
        }
        List<AttributeValue> o = c.operands();
        return switch (c.operator()) {
            case EQ -> PrimaryKey.compareValues(sort, o.get(0)) == 0;
            case LT -> PrimaryKey.compareValues(sort, o.get(0)) < 0;
            case LE -> PrimaryKey.compareValues(sort, o.get(0)) <= 0;
            case GT -> PrimaryKey.compareValues(sort, o.get(0)) > 0;
            case GE -> PrimaryKey.compareValues(sort, o.get(0)) >= 0;
            case BETWEEN -> PrimaryKey.compareValues(sort, o.get(0)) >= 0
                    && PrimaryKey.compareValues(sort, o.get(1)) <= 0;
            case BEGINS_WITH -> startsWith(PrimaryKey.bytes(sort), PrimaryKey.bytes(o.get(0)));
        };
    }

    private static boolean startsWith(byte[] value, byte[] prefix) {
        return value.length >= prefix.length
                && java.util.Arrays.equals(value, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static PrimaryKey startKey(TableSettings s, IndexSpec index, Map<String, AttributeValue> start) {
        try {
            Map<String, AttributeValue> tableKey = new LinkedHashMap<>();
            tableKey.put(s.keys().hashName(), start.get(s.keys().hashName()));
            if (s.keys().hasRange()) {
                tableKey.put(s.keys().rangeName(), start.get(s.keys().rangeName()));
            }
            tableKey.values().removeIf(java.util.Objects::isNull);
            int expected = Keys.keyAttributes(s, index, start).size();
            if (expected != start.size()) {
                throw DynamoDbErrors.validation("The provided key element does not match the schema");
            }
            return Keys.ofKey(s, tableKey);
        } catch (io.wharf.protocol.AwsException e) {
            throw DynamoDbErrors.validation("The provided starting key is invalid: " + e.getMessage());
        }
    }

    private static IndexEntry startEntry(TableSettings s, IndexSpec index, Map<String, AttributeValue> start) {
        PrimaryKey tableKey = startKey(s, index, start);
        PrimaryKey indexKey = Keys.ofIndex(index, start);
        if (indexKey == null) {
            throw DynamoDbErrors.validation("The provided starting key is invalid: The provided key element does not "
                    + "match the schema");
        }
        return new IndexEntry(indexKey, tableKey);
    }

    private Page page(Table table, IndexSpec index, Request r, java.util.Iterator<Map<String, AttributeValue>> items) {
        TableSettings s = table.settings;
        int limit = r.limit() == null ? Integer.MAX_VALUE : r.limit();
        boolean count = "COUNT".equals(r.select());
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        int scanned = 0;
        int matched = 0;
        long bytes = 0;
        Map<String, AttributeValue> last = null;
        while (items.hasNext()) {
            if (scanned == limit || bytes >= MAX_PAGE_BYTES) {
                return new Page(out, matched, scanned, last, bytes);
            }
            Map<String, AttributeValue> item = items.next();
            Map<String, AttributeValue> visible = projectForIndex(s, index, item);
            scanned++;
            bytes += AttributeValues.size(visible);
            last = Keys.keyAttributes(s, index, item);
            if (r.filter() != null && !r.filter().test(visible)) {
                continue;
            }
            matched++;
            if (!count) {
                out.add(r.projection() == null ? visible : r.projection().apply(visible));
            }
        }
        return new Page(out, matched, scanned, scanned == limit ? last : null, bytes);
    }

    /** What an index holds of an item: all of it, its keys, or its keys and the INCLUDE attributes. */
    static Map<String, AttributeValue> projectForIndex(TableSettings s, IndexSpec index,
                                                       Map<String, AttributeValue> item) {
        if (index == null || "ALL".equals(index.projectionType())) {
            return item;
        }
        Map<String, AttributeValue> out = Keys.keyAttributes(s, index, item);
        if ("INCLUDE".equals(index.projectionType())) {
            for (String name : index.nonKeyAttributes()) {
                if (item.containsKey(name)) {
                    out.put(name, item.get(name));
                }
            }
        }
        return out;
    }

    /**
     * Runs a read under the table's read lock and answers it once every change it may have seen is durable (changes
     * are applied when submitted and awaited after their lock is released).
     */
    private static Page durable(Table table, java.util.function.Supplier<Page> read) {
        Page page;
        io.wharf.storage.Commit pending;
        table.lock.readLock().lock();
        try {
            page = read.get();
            pending = table.submitted;
        } finally {
            table.lock.readLock().unlock();
        }
        pending.await();
        return page;
    }
}
