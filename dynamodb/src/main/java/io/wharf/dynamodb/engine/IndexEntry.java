package io.wharf.dynamodb.engine;

/** One entry of a secondary index: the item's index key, then its table key (which makes entries unique). */
record IndexEntry(PrimaryKey indexKey, PrimaryKey tableKey) implements Comparable<IndexEntry> {
    @Override
    public int compareTo(IndexEntry o) {
        int c = indexKey.compareTo(o.indexKey);
        if (c != 0) {
            return c;
        }
        if (tableKey == null || o.tableKey == null) { // a bound: before or after every entry of its index key
            return tableKey == o.tableKey ? 0 : tableKey == null ? -1 : 1;
        }
        return tableKey.compareTo(o.tableKey);
    }
}
