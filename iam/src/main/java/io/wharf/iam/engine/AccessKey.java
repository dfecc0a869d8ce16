package io.wharf.iam.engine;

import java.time.Instant;

/**
 * A long-term access key: the engine's credential index holds these, immutable, replaced on every change so the
 * per-request lookup needs no lock.
 *
 * @param userId null for an account root's key
 * @param active false once UpdateAccessKey made it Inactive
 */
public record AccessKey(String accessKeyId, String secretAccessKey, String accountId, String userId, boolean active,
                        Instant created) {

    public String status() {
        return active ? "Active" : "Inactive";
    }

    AccessKey withActive(boolean value) {
        return new AccessKey(accessKeyId, secretAccessKey, accountId, userId, value, created);
    }
}
