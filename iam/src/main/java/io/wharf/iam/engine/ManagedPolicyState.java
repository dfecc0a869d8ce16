package io.wharf.iam.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A managed policy and its versions (newest last); the AWS managed ones are built in with account "aws". */
final class ManagedPolicyState {
    final String accountId;
    final String id;
    final String name;
    final String path;
    final String description;
    final Instant created;
    Instant updated;
    final Map<String, String> tags = new LinkedHashMap<>();
    final Map<String, VersionState> versions = new LinkedHashMap<>();
    String defaultVersionId;
    /** The number the next version gets: versions are never renumbered, deleted numbers never reused. */
    int nextVersion = 1;

    record VersionState(String versionId, PolicyText document, Instant created) {
    }

    ManagedPolicyState(String accountId, String id, String name, String path, String description, Instant created) {
        this.accountId = accountId;
        this.id = id;
        this.name = name;
        this.path = path;
        this.description = description;
        this.created = created;
        this.updated = created;
    }

    String arn() {
        return Arns.policy(accountId, path, name);
    }

    boolean awsManaged() {
        return Arns.AWS_ACCOUNT.equals(accountId);
    }

    VersionState defaultVersion() {
        return versions.get(defaultVersionId);
    }

    ManagedPolicy view(int attachmentCount) {
        return new ManagedPolicy(name, id, arn(), path, defaultVersionId, attachmentCount, description, created,
                updated, Tag.list(tags));
    }

    PolicyVersion view(VersionState version) {
        return new PolicyVersion(version.versionId(), version.document().json(),
                version.versionId().equals(defaultVersionId), version.created());
    }
}
