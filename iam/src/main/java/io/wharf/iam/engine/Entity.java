package io.wharf.iam.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What users, groups and roles have in common: a name and path (both changeable, so references between them go by
 * the unique id), inline policies and attached managed policies. Mutable; guarded by the engine's lock.
 */
abstract class Entity {
    final String accountId;
    final String id;
    final Instant created;
    String name;
    String path;
    /** Inline policies by name, in name order (ListUserPolicies answers them so). */
    final Map<String, PolicyText> inline = new TreeMap<>();
    /** Attached managed policy ARNs, in attachment order. */
    final Set<String> attached = new LinkedHashSet<>();
    /** Tags in the order given (groups have none). */
    final Map<String, String> tags = new LinkedHashMap<>();

    Entity(String accountId, String id, String name, String path, Instant created) {
        this.accountId = accountId;
        this.id = id;
        this.name = name;
        this.path = path;
        this.created = created;
    }

    abstract EntityKind kind();

    String arn() {
        return Arns.entity(accountId, kind(), path, name);
    }

    int inlineSize() {
        int size = 0;
        for (PolicyText text : inline.values()) {
            size += text.size();
        }
        return size;
    }
}
