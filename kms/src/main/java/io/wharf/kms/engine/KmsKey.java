package io.wharf.kms.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the operations see of a key: an immutable snapshot.
 *
 * @param keyManager   {@code CUSTOMER} or {@code AWS} (the managed keys behind {@code alias/aws/…})
 * @param tagOrder     the tag keys in the order they were first set
 * @param rotations    the rotations so far, oldest first
 */
public record KmsKey(String keyId, String arn, String account, String region, String description, String keySpec,
                     String keyUsage, String origin, String keyManager, KeyStatus status, Instant created,
                     Instant deletionDate, int pendingWindowDays, String policy, Map<String, String> tags,
                     List<String> tagOrder, boolean rotationEnabled, int rotationPeriodDays, Instant nextRotation,
                     List<Rotation> rotations) {

    public boolean managedByAws() {
        return keyManager.equals("AWS");
    }

    /** One rotation: when, and whether it was AUTOMATIC or ON_DEMAND. */
    public record Rotation(Instant date, String type) {
    }
}
