package io.wharf.dynamodb.engine;

import io.wharf.dynamodb.item.AttributeValue;
import io.wharf.dynamodb.item.AttributeValues;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One table in memory: its settings, its items in key order and its secondary indexes (rebuilt from the items on
 * start and when an index is added: they are not stored). Guarded by {@link #lock}: reads under the read lock, item
 * changes under the write lock, where each is submitted to the store (fixing its place in the store's order) and
 * applied; the writer awaits durability after releasing the lock, so writers of one table share fsyncs (group
 * commit). A reader awaits {@link #submitted} after reading, so it never answers a change that is not yet durable;
 * every read sees every acknowledged write (strong consistency by construction, whatever {@code ConsistentRead}
 * says).
 */
final class Table {
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    volatile TableSettings settings;
    final TreeMap<PrimaryKey, Map<String, AttributeValue>> items = new TreeMap<>();
    final Map<String, TreeMap<IndexEntry, PrimaryKey>> indexes = new HashMap<>();
    long sizeBytes;
    /** The last item change submitted to the store, set under the write lock; awaiting it proves all before it. */
    volatile io.wharf.storage.Commit submitted = io.wharf.storage.Commit.DONE;

    Table(TableSettings settings) {
        this.settings = settings;
        for (IndexSpec index : settings.indexes()) {
            indexes.put(index.name(), new TreeMap<>());
        }
    }

    /** Puts (or replaces) an item in memory, keeping the indexes and the size right. */
    void put(PrimaryKey key, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> old = items.put(key, item);
        if (old != null) {
            unindex(key, old);
            sizeBytes -= AttributeValues.size(old);
        }
        index(key, item);
        sizeBytes += AttributeValues.size(item);
    }

    void remove(PrimaryKey key) {
        Map<String, AttributeValue> old = items.remove(key);
        if (old != null) {
            unindex(key, old);
            sizeBytes -= AttributeValues.size(old);
        }
    }

    private void index(PrimaryKey key, Map<String, AttributeValue> item) {
        for (IndexSpec index : settings.indexes()) {
            PrimaryKey indexKey = Keys.ofIndex(index, item);
            if (indexKey != null) {
                indexes.computeIfAbsent(index.name(), n -> new TreeMap<>()).put(new IndexEntry(indexKey, key), key);
            }
        }
    }

    private void unindex(PrimaryKey key, Map<String, AttributeValue> item) {
        for (IndexSpec index : settings.indexes()) {
            PrimaryKey indexKey = Keys.ofIndex(index, item);
            TreeMap<IndexEntry, PrimaryKey> entries = indexes.get(index.name());
            if (indexKey != null && entries != null) {
                entries.remove(new IndexEntry(indexKey, key));
            }
        }
    }

    /** Fills a new index from the items there are (UpdateTable's backfill). */
    void backfill(IndexSpec index) {
        TreeMap<IndexEntry, PrimaryKey> entries = new TreeMap<>();
        items.forEach((key, item) -> {
            PrimaryKey indexKey = Keys.ofIndex(index, item);
            if (indexKey != null) {
                entries.put(new IndexEntry(indexKey, key), key);
            }
        });
        indexes.put(index.name(), entries);
    }

    NavigableMap<IndexEntry, PrimaryKey> index(String name) {
        return indexes.get(name);
    }
}
