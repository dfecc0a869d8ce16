package io.wharf.iam.engine;

import java.time.Instant;

/** An IAM role: its trust policy (who may assume it), description and longest session. */
final class RoleState extends Entity {
    PolicyText trustPolicy;
    String description;
    int maxSessionDurationSeconds;

    RoleState(String accountId, String id, String name, String path, Instant created) {
        super(accountId, id, name, path, created);
    }

    @Override
    EntityKind kind() {
        return EntityKind.ROLE;
    }

    Role view() {
        return new Role(name, path, id, arn(), created, trustPolicy.json(), description, maxSessionDurationSeconds,
                Tag.list(tags));
    }
}
