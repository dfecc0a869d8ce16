package io.wharf.iam.engine;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** An IAM user. Its access keys live in the engine's key index; its groups hold it by id. */
final class UserState extends Entity {
    /** Ids of the groups it belongs to (the groups' records are the durable side of membership). */
    final Set<String> groupIds = new LinkedHashSet<>();
    /** Its access key ids, oldest first. */
    final Set<String> keyIds = new LinkedHashSet<>();

    UserState(String accountId, String id, String name, String path, Instant created) {
        super(accountId, id, name, path, created);
    }

    @Override
    EntityKind kind() {
        return EntityKind.USER;
    }

    User view() {
        return new User(name, path, id, arn(), created, Tag.list(tags));
    }
}
