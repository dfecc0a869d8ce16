package io.wharf.kms.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One KMS key's mutable state, guarded by the engine's lock. {@link KmsKey} is its immutable view. */
final class KeyState {
    final String keyId;
    final String account;
    final String region;
    final String arn;
    final Instant created;
    final String keySpec;
    final String keyUsage;
    final String origin;
    final boolean managedByAws;
    String description;
    KeyStatus status;
    /** Set while PendingDeletion. */
    Instant deletionDate;
    int pendingWindowDays;
    String policy;
    final Map<String, String> tags = new LinkedHashMap<>();
    boolean rotationEnabled;
    int rotationPeriodDays;
    /** Set while rotation is enabled. */
    Instant nextRotation;
    /** Oldest first; the last is current. */
    final List<KeyMaterial> materials = new ArrayList<>();

    KeyState(String keyId, String account, String region, Instant created, String keySpec, String keyUsage,
             String origin, boolean managedByAws) {
        this.keyId = keyId;
        this.account = account;
        this.region = region;
        this.arn = KeyIds.keyArn(region, account, keyId);
        this.created = created;
        this.keySpec = keySpec;
        this.keyUsage = keyUsage;
        this.origin = origin;
        this.managedByAws = managedByAws;
    }

    KeyMaterial current() {
        return materials.get(materials.size() - 1);
    }

    KeyMaterial material(int version) {
        for (KeyMaterial m : materials) {
            if (m.version() == version) {
                return m;
            }
        }
        return null;
    }

    KmsKey view() {
        List<KmsKey.Rotation> rotations = new ArrayList<>();
        for (KeyMaterial m : materials) {
            if (m.rotationType() != null) {
                rotations.add(new KmsKey.Rotation(m.created(), m.rotationType()));
            }
        }
        return new KmsKey(keyId, arn, account, region, description, keySpec, keyUsage, origin,
                managedByAws ? "AWS" : "CUSTOMER", status, created, deletionDate, pendingWindowDays, policy,
                Map.copyOf(tags), new LinkedHashMap<>(tags).keySet().stream().toList(), rotationEnabled,
                rotationPeriodDays, nextRotation, List.copyOf(rotations));
    }
}
