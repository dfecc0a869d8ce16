package io.wharf.dynamodb.engine;

import java.util.List;
import java.util.Map;

/**
 * CreateTable's parameters, typed.
 *
 * @param keySchema            HASH first, then RANGE, as sent (names with their key types)
 * @param readCapacity         null when no ProvisionedThroughput was sent
 */
public record NewTable(String name, List<KeyElement> keySchema, Map<String, String> attributeDefinitions,
                       List<NewIndex> globalIndexes, List<NewIndex> localIndexes, String billingMode,
                       Long readCapacity, Long writeCapacity, Boolean streamEnabled, String streamViewType,
                       Boolean sseEnabled, String sseType, String kmsMasterKeyId, Map<String, String> tags,
                       boolean deletionProtection, String tableClass) {

    /** One KeySchemaElement. */
    public record KeyElement(String name, String keyType) {
    }

    /** A GlobalSecondaryIndex or LocalSecondaryIndex of the request (throughput null when not sent). */
    public record NewIndex(String name, List<KeyElement> keySchema, String projectionType,
                           List<String> nonKeyAttributes, Long readCapacity, Long writeCapacity) {
    }
}
