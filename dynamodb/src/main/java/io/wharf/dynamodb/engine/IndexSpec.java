package io.wharf.dynamodb.engine;

import java.util.List;

/**
 * A secondary index as declared: global (its own partition key, eventually filled — Wharf fills it at once) or local
 * (the table's partition key, another sort key).
 *
 * @param projectionType   ALL, KEYS_ONLY or INCLUDE
 * @param nonKeyAttributes the INCLUDE attributes (empty otherwise)
 * @param readCapacity     provisioned read units (0 on demand; local indexes share the table's)
 * @param activeAtMillis   when a global index added by UpdateTable stops being CREATING (epoch ms)
 */
public record IndexSpec(String name, boolean global, KeySchema keys, String projectionType,
                        List<String> nonKeyAttributes, long readCapacity, long writeCapacity, long activeAtMillis) {
    public IndexSpec {
        nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
    }

    public IndexSpec withThroughput(long read, long write) {
        return new IndexSpec(name, global, keys, projectionType, nonKeyAttributes, read, write, activeAtMillis);
    }
}
