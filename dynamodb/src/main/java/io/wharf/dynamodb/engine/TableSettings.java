package io.wharf.dynamodb.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a table is declared with and its settings, immutable: UpdateTable, TagResource and friends replace it.
 * Stored as it is ({@link DynamoDbStoreLayout}).
 *
 * @param attributeDefinitions attribute name → S, N or B, for the key attributes of the table and its indexes
 * @param billingMode          PROVISIONED or PAY_PER_REQUEST
 * @param createdMillis        creation time (epoch ms)
 * @param activeAtMillis       when the table stops being CREATING (epoch ms)
 * @param payPerRequestSinceMillis when billing last became PAY_PER_REQUEST (epoch ms), 0 if never
 */
public record TableSettings(String account, String region, String name, String tableId, long createdMillis,
                            long activeAtMillis, KeySchema keys, Map<String, String> attributeDefinitions,
                            String billingMode, long readCapacity, long writeCapacity, long payPerRequestSinceMillis,
                            List<IndexSpec> indexes, boolean streamEnabled, String streamViewType,
                            String streamLabel, boolean sseEnabled, String sseType, String kmsMasterKeyId,
                            Map<String, String> tags, boolean deletionProtection, boolean ttlEnabled,
                            String ttlAttribute, boolean pointInTimeRecovery, String tableClass) {
    public TableSettings {
        attributeDefinitions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributeDefinitions));
        indexes = List.copyOf(indexes);
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public String arn() {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name;
    }

    public IndexSpec index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst().orElse(null);
    }

    public boolean payPerRequest() {
        return "PAY_PER_REQUEST".equals(billingMode);
    }

    /** A copy with some fields changed, through a mutable builder. */
    public TableSettings with(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** The mutable twin of the record, for {@link #with}. */
    public static final class Builder {
        public String account, region, name, tableId;
        public long createdMillis, activeAtMillis;
        public KeySchema keys;
        public Map<String, String> attributeDefinitions;
        public String billingMode;
        public long readCapacity, writeCapacity, payPerRequestSinceMillis;
        public List<IndexSpec> indexes;
        public boolean streamEnabled;
        public String streamViewType, streamLabel;
        public boolean sseEnabled;
        public String sseType, kmsMasterKeyId;
        public Map<String, String> tags;
        public boolean deletionProtection, ttlEnabled;
        public String ttlAttribute;
        public boolean pointInTimeRecovery;
        public String tableClass;

        public Builder() {
            attributeDefinitions = new LinkedHashMap<>();
            indexes = new java.util.ArrayList<>();
            tags = new LinkedHashMap<>();
        }

        Builder(TableSettings t) {
            account = t.account; region = t.region; name = t.name; tableId = t.tableId;
            createdMillis = t.createdMillis; activeAtMillis = t.activeAtMillis; keys = t.keys;
            attributeDefinitions = new LinkedHashMap<>(t.attributeDefinitions); billingMode = t.billingMode;
            readCapacity = t.readCapacity; writeCapacity = t.writeCapacity;
            payPerRequestSinceMillis = t.payPerRequestSinceMillis; indexes = new java.util.ArrayList<>(t.indexes);
            streamEnabled = t.streamEnabled; streamViewType = t.streamViewType; streamLabel = t.streamLabel;
            sseEnabled = t.sseEnabled; sseType = t.sseType; kmsMasterKeyId = t.kmsMasterKeyId;
            tags = new LinkedHashMap<>(t.tags); deletionProtection = t.deletionProtection; ttlEnabled = t.ttlEnabled;
            ttlAttribute = t.ttlAttribute; pointInTimeRecovery = t.pointInTimeRecovery; tableClass = t.tableClass;
        }

        public TableSettings build() {
            return new TableSettings(account, region, name, tableId, createdMillis, activeAtMillis, keys,
                    attributeDefinitions, billingMode, readCapacity, writeCapacity, payPerRequestSinceMillis, indexes,
                    streamEnabled, streamViewType, streamLabel, sseEnabled, sseType, kmsMasterKeyId, tags,
                    deletionProtection, ttlEnabled, ttlAttribute, pointInTimeRecovery, tableClass);
        }
    }
}
