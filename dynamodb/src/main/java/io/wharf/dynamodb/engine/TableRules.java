package io.wharf.dynamodb.engine;

import io.wharf.dynamodb.DynamoDbErrors;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** CreateTable's and UpdateTable's rules, with AWS's texts. */
final class TableRules {
    private static final String INVALID = "One or more parameter values were invalid: ";

    private TableRules() {
    }

    static TableSettings settingsOf(String account, String region, NewTable r, String tableId, long now,
                                    long activeAt) {
        checkName(r.name());
        KeySchema keys = keySchema(r.keySchema(), null);
        Map<String, String> definitions = r.attributeDefinitions();
        boolean payPerRequest = "PAY_PER_REQUEST".equals(r.billingMode());
        if (payPerRequest && (r.readCapacity() != null || r.writeCapacity() != null)) {
            throw DynamoDbErrors.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                    + "specified when BillingMode is PAY_PER_REQUEST");
        }
        if (!payPerRequest && (r.readCapacity() == null || r.writeCapacity() == null)) {
            throw DynamoDbErrors.validation(INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be "
                    + "specified when BillingMode is PROVISIONED");
        }
        List<IndexSpec> indexes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> used = new TreeSet<>(List.of(keys.hashName()));
        if (keys.hasRange()) {
            used.add(keys.rangeName());
        }
        if (r.localIndexes().size() > 5) {
            throw DynamoDbErrors.validation(INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of 5");
        }
        if (r.globalIndexes().size() > 20) {
            throw DynamoDbErrors.validation(INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of 20");
        }
        for (NewTable.NewIndex i : r.localIndexes()) {
            if (!keys.hasRange()) {
                throw DynamoDbErrors.validation(INVALID + "Table KeySchema does not have a range key, which is "
                        + "required when specifying a LocalSecondaryIndex");
            }
            KeySchema ik = keySchema(i.keySchema(), i.name());
            if (!ik.hasRange()) {
                throw DynamoDbErrors.validation(INVALID + "Index KeySchema does not have a range key for index: "
                        + i.name());
            }
            if (!ik.hashName().equals(keys.hashName())) {
                throw DynamoDbErrors.validation(INVALID + "Index KeySchema does not have the same leading hash key "
                        + "as table KeySchema for index: " + i.name() + ". index hash key: " + ik.hashName()
                        + ", table hash key: " + keys.hashName());
            }
            if (!names.add(i.name())) {
                throw DynamoDbErrors.validation(INVALID + "Duplicate index name: " + i.name());
            }
            projection(i);
            used.add(ik.rangeName());
            indexes.add(new IndexSpec(i.name(), false, ik, i.projectionType(), i.nonKeyAttributes(), 0, 0, now));
        }
        for (NewTable.NewIndex i : r.globalIndexes()) {
            KeySchema ik = keySchema(i.keySchema(), i.name());
            if (!names.add(i.name())) {
                throw DynamoDbErrors.validation(INVALID + "Duplicate index name: " + i.name());
            }
            projection(i);
            long[] throughput = indexThroughput(i, payPerRequest);
            used.add(ik.hashName());
            if (ik.hasRange()) {
                used.add(ik.rangeName());
            }
            indexes.add(new IndexSpec(i.name(), true, ik, i.projectionType(), i.nonKeyAttributes(), throughput[0],
                    throughput[1], now));
        }
        checkDefinitions(used, definitions);
        TableSettings.Builder b = new TableSettings.Builder();
        b.account = account;
        b.region = region;
        b.name = r.name();
        b.tableId = tableId;
        b.createdMillis = now;
        b.activeAtMillis = activeAt;
        b.keys = keys;
        b.attributeDefinitions = new LinkedHashMap<>(definitions);
        b.billingMode = payPerRequest ? "PAY_PER_REQUEST" : "PROVISIONED";
        b.payPerRequestSinceMillis = payPerRequest ? now : 0;
        b.readCapacity = payPerRequest ? 0 : r.readCapacity();
        b.writeCapacity = payPerRequest ? 0 : r.writeCapacity();
        b.indexes = indexes;
        applyStream(b, r.streamEnabled(), r.streamViewType(), now);
        if (Boolean.TRUE.equals(r.sseEnabled())) {
            b.sseEnabled = true;
            b.sseType = r.sseType() == null ? "KMS" : r.sseType();
            b.kmsMasterKeyId = r.kmsMasterKeyId();
        }
        b.tags = new LinkedHashMap<>(r.tags());
        b.deletionProtection = r.deletionProtection();
        b.tableClass = r.tableClass() == null ? "STANDARD" : r.tableClass();
        return b.build();
    }

    /** AWS's table name rules (the model's TableArn shape also admits ARNs, so they are checked here). */
    private static void checkName(String name) {
        String prefix = "1 validation error detected: Value '" + name + "' at 'tableName' failed to satisfy constraint: ";
        if (name.length() < 3) {
            throw DynamoDbErrors.validation(prefix + "Member must have length greater than or equal to 3");
        }
        if (name.length() > 255) {
            throw DynamoDbErrors.validation(prefix + "Member must have length less than or equal to 255");
        }
        if (!name.matches("[a-zA-Z0-9_.-]+")) {
            throw DynamoDbErrors.validation(prefix + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
    }

    private static void applyStream(TableSettings.Builder b, Boolean enabled, String viewType, long now) {
        if (enabled == null) {
            return;
        }
        if (enabled && viewType == null) {
            throw DynamoDbErrors.validation(INVALID + "You must specify a StreamViewType when enabling a stream");
        }
        if (!enabled && viewType != null) {
            throw DynamoDbErrors.validation(INVALID + "You cannot specify a StreamViewType when disabling a stream");
        }
        b.streamEnabled = enabled;
        b.streamViewType = enabled ? viewType : null;
        if (enabled) {
            b.streamLabel = java.time.Instant.ofEpochMilli(now).toString().replace("Z", "");
        }
    }

    private static void projection(NewTable.NewIndex i) {
        if (i.projectionType() == null) {
            throw DynamoDbErrors.validation(INVALID + "Unknown ProjectionType: null");
        }
        if (!"INCLUDE".equals(i.projectionType()) && !i.nonKeyAttributes().isEmpty()) {
            throw DynamoDbErrors.validation(INVALID + "ProjectionType is " + i.projectionType()
                    + ", but NonKeyAttributes is specified");
        }
    }

    private static long[] indexThroughput(NewTable.NewIndex i, boolean payPerRequest) {
        if (payPerRequest && (i.readCapacity() != null || i.writeCapacity() != null)) {
            throw DynamoDbErrors.validation(INVALID + "ProvisionedThroughput should not be specified for index: "
                    + i.name() + " when BillingMode is PAY_PER_REQUEST");
        }
        if (!payPerRequest && (i.readCapacity() == null || i.writeCapacity() == null)) {
            throw DynamoDbErrors.validation(INVALID + "ProvisionedThroughput must be specified for index: "
                    + i.name());
        }
        return payPerRequest ? new long[]{0, 0} : new long[]{i.readCapacity(), i.writeCapacity()};
    }

    private static void checkDefinitions(Set<String> used, Map<String, String> definitions) {
        if (!definitions.keySet().containsAll(used)) {
            throw DynamoDbErrors.validation(INVALID + "Some index key attributes are not defined in "
                    + "AttributeDefinitions. Keys: " + used + ", AttributeDefinitions: " + definitions.keySet());
        }
        if (!used.containsAll(definitions.keySet())) {
            throw DynamoDbErrors.validation(INVALID + "Number of attributes in KeySchema does not exactly match "
                    + "number of attributes defined in AttributeDefinitions");
        }
    }

    /** A KeySchema list: one HASH, optionally then one RANGE on another attribute. */
    private static KeySchema keySchema(List<NewTable.KeyElement> elements, String indexName) {
        if (elements.isEmpty() || elements.size() > 2) {
            throw DynamoDbErrors.validation("1 validation error detected: Value '" + elements + "' at '"
                    + (indexName == null ? "keySchema" : "globalSecondaryIndexes.1.member.keySchema")
                    + "' failed to satisfy constraint: Member must have length less than or equal to 2");
        }
        if (!"HASH".equals(elements.get(0).keyType())) {
            throw DynamoDbErrors.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (elements.size() == 2) {
            if (!"RANGE".equals(elements.get(1).keyType())) {
                throw DynamoDbErrors.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key "
                        + "type");
            }
            if (elements.get(0).name().equals(elements.get(1).name())) {
                throw DynamoDbErrors.validation("Both the Hash Key and the Range Key element in the KeySchema have "
                        + "the same name");
            }
            return new KeySchema(elements.get(0).name(), elements.get(1).name());
        }
        return new KeySchema(elements.get(0).name(), null);
    }

    static TableSettings update(TableSettings before, DynamoDbEngine.TableUpdate u, long now, long activeAt) {
        TableSettings.Builder b = copy(before);
        boolean changed = false;
        if (u.billingMode() != null) {
            boolean ppr = u.billingMode().equals("PAY_PER_REQUEST");
            if (ppr && u.readCapacity() != null) {
                throw DynamoDbErrors.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                        + "specified when BillingMode is PAY_PER_REQUEST");
            }
            if (!ppr && before.payPerRequest() && u.readCapacity() == null) {
                throw DynamoDbErrors.validation(INVALID + "ProvisionedThroughput must be specified when BillingMode "
                        + "is PROVISIONED");
            }
            if (ppr && !before.payPerRequest()) {
                b.payPerRequestSinceMillis = now;
                b.readCapacity = 0;
                b.writeCapacity = 0;
                List<IndexSpec> zeroed = new ArrayList<>();
                b.indexes.forEach(i -> zeroed.add(i.global() ? i.withThroughput(0, 0) : i));
                b.indexes = zeroed;
            }
            b.billingMode = u.billingMode();
            changed = true;
        }
        if (u.readCapacity() != null) {
            if ("PAY_PER_REQUEST".equals(b.billingMode)) {
                throw DynamoDbErrors.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                        + "specified when BillingMode is PAY_PER_REQUEST");
            }
            if (u.billingMode() == null && u.readCapacity() == before.readCapacity()
                    && u.writeCapacity() == before.writeCapacity()) {
                throw DynamoDbErrors.validation("The provisioned throughput for the table will not change. The "
                        + "requested value equals the current value. Current ReadCapacityUnits provisioned for the "
                        + "table: " + before.readCapacity() + ". Requested ReadCapacityUnits: " + u.readCapacity()
                        + ". Current WriteCapacityUnits provisioned for the table: " + before.writeCapacity()
                        + ". Requested WriteCapacityUnits: " + u.writeCapacity() + ". Refer to the Amazon DynamoDB "
                        + "Developer Guide for current limits and how to request higher limits.");
            }
            b.readCapacity = u.readCapacity();
            b.writeCapacity = u.writeCapacity();
            changed = true;
        }
        if (u.attributeDefinitions() != null) {
            for (Map.Entry<String, String> d : u.attributeDefinitions().entrySet()) {
                String existing = b.attributeDefinitions.get(d.getKey());
                if (existing != null && !existing.equals(d.getValue())) {
                    throw DynamoDbErrors.validation(INVALID + "Cannot change the type of an existing attribute "
                            + "definition: " + d.getKey());
                }
            }
        }
        boolean ppr = "PAY_PER_REQUEST".equals(b.billingMode);
        for (String name : u.deleteIndexes()) {
            IndexSpec existing = before.index(name);
            if (existing == null || !existing.global()) {
                throw DynamoDbErrors.RESOURCE_NOT_FOUND.error("Requested resource not found: Index: " + name
                        + " not found for table: " + before.name());
            }
            b.indexes.removeIf(i -> i.name().equals(name));
            changed = true;
        }
        for (NewTable.NewIndex create : u.createIndexes()) {
            if (before.index(create.name()) != null) {
                throw DynamoDbErrors.validation(INVALID + "Attempting to create an index which already exists");
            }
            KeySchema ik = keySchema(create.keySchema(), create.name());
            projection(create);
            long[] throughput = indexThroughput(create, ppr);
            for (String key : new String[]{ik.hashName(), ik.rangeName()}) {
                if (key == null) {
                    continue;
                }
                String type = u.attributeDefinitions() == null ? null : u.attributeDefinitions().get(key);
                if (type == null) {
                    type = b.attributeDefinitions.get(key);
                }
                if (type == null) {
                    throw DynamoDbErrors.validation(INVALID + "Global Secondary Index range key not specified in "
                            + "Attribute Definitions.Type unknown.");
                }
                b.attributeDefinitions.put(key, type);
            }
            if (b.indexes.stream().filter(IndexSpec::global).count() >= 20) {
                throw DynamoDbErrors.LIMIT_EXCEEDED.error("Subscriber limit exceeded: The number of global "
                        + "secondary indexes on a table cannot exceed 20");
            }
            b.indexes.add(new IndexSpec(create.name(), true, ik, create.projectionType(), create.nonKeyAttributes(),
                    throughput[0], throughput[1], activeAt));
            changed = true;
        }
        for (Map.Entry<String, long[]> t : u.indexThroughput().entrySet()) {
            IndexSpec existing = before.index(t.getKey());
            if (existing == null || !existing.global()) {
                throw DynamoDbErrors.RESOURCE_NOT_FOUND.error("Requested resource not found: Index: " + t.getKey()
                        + " not found for table: " + before.name());
            }
            b.indexes.replaceAll(i -> i.name().equals(t.getKey()) ? i.withThroughput(t.getValue()[0],
                    t.getValue()[1]) : i);
            changed = true;
        }
        if (u.streamEnabled() != null) {
            if (u.streamEnabled() && before.streamEnabled()) {
                throw DynamoDbErrors.validation("Table already has an enabled stream: TableName: " + before.name());
            }
            applyStream(b, u.streamEnabled(), u.streamViewType(), now);
            changed = true;
        }
        if (u.sseEnabled() != null || u.sseType() != null || u.kmsMasterKeyId() != null) {
            b.sseEnabled = u.sseEnabled() == null || u.sseEnabled();
            b.sseType = b.sseEnabled ? (u.sseType() == null ? "KMS" : u.sseType()) : null;
            b.kmsMasterKeyId = b.sseEnabled ? u.kmsMasterKeyId() : null;
            changed = true;
        }
        if (u.deletionProtection() != null) {
            b.deletionProtection = u.deletionProtection();
            changed = true;
        }
        if (u.tableClass() != null) {
            b.tableClass = u.tableClass();
            changed = true;
        }
        if (!changed) {
            throw DynamoDbErrors.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                    + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        // drop definitions no key uses any more (a deleted index's), as AWS does
        Set<String> used = new HashSet<>();
        used.add(b.keys.hashName());
        if (b.keys.hasRange()) {
            used.add(b.keys.rangeName());
        }
        for (IndexSpec i : b.indexes) {
            used.add(i.keys().hashName());
            if (i.keys().hasRange()) {
                used.add(i.keys().rangeName());
            }
        }
        b.attributeDefinitions.keySet().retainAll(used);
        return b.build();
    }

    private static TableSettings.Builder copy(TableSettings s) {
        TableSettings.Builder[] holder = new TableSettings.Builder[1];
        s.with(b -> holder[0] = b);
        return holder[0];
    }
}
