package io.wharf.iam.engine;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** An IAM group: its members by user id, in the order they were added. */
final class GroupState extends Entity {
    final Set<String> memberIds = new LinkedHashSet<>();

    GroupState(String accountId, String id, String name, String path, Instant created) {
        super(accountId, id, name, path, created);
    }

    @Override
    EntityKind kind() {
        return EntityKind.GROUP;
    }

    Group view() {
        return new Group(name, path, id, arn(), created);
    }
}
