package io.wharf.iam.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One AWS account's IAM state. Names are unique per account without regard to case, as IAM's are, so every map is
 * keyed by the lower-cased name and keeps the name as given in the entity. Guarded by the engine's lock.
 */
final class Account {
    final String id;
    final Instant created;
    final Map<String, UserState> users = new HashMap<>();
    final Map<String, GroupState> groups = new HashMap<>();
    final Map<String, RoleState> roles = new HashMap<>();
    /** Customer managed policies by lower-cased name (names are unique whatever the path). */
    final Map<String, ManagedPolicyState> policies = new HashMap<>();
    /** The root user's access keys made through CreateAccessKey (configured root keys are not listed). */
    final Set<String> rootKeyIds = new LinkedHashSet<>();
    /** Managed policy ARN (AWS managed ones included) → the users, groups and roles of this account it is attached to. */
    final Map<String, Set<Entity>> attachments = new HashMap<>();

    Account(String id, Instant created) {
        this.id = id;
        this.created = created;
    }

    static String key(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    Map<String, ? extends Entity> entities(EntityKind kind) {
        return switch (kind) {
            case USER -> users;
            case GROUP -> groups;
            case ROLE -> roles;
        };
    }

    int attachmentCount(String policyArn) {
        Set<Entity> entities = attachments.get(policyArn);
        return entities == null ? 0 : entities.size();
    }

    void attach(String policyArn, Entity entity) {
        entity.attached.add(policyArn);
        attachments.computeIfAbsent(policyArn, a -> new LinkedHashSet<>()).add(entity);
    }

    void detach(String policyArn, Entity entity) {
        entity.attached.remove(policyArn);
        Set<Entity> entities = attachments.get(policyArn);
        if (entities != null) {
            entities.remove(entity);
            if (entities.isEmpty()) {
                attachments.remove(policyArn);
            }
        }
    }
}
