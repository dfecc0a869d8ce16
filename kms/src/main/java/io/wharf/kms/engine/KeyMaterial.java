package io.wharf.kms.engine;

import java.time.Instant;

/**
 * One version of a key's AES-256 material. Version 0 is made with the key; each rotation adds the next. The plaintext
 * lives only in memory; the store keeps {@code wrapped} (sealed by the master key for this key and version).
 *
 * @param rotationType null for the original material, else {@code AUTOMATIC} or {@code ON_DEMAND}
 */
record KeyMaterial(int version, Instant created, String rotationType, byte[] plaintext, byte[] wrapped) {

    /** What the master key's {@code purpose} is for this material: it cannot be unwrapped as another key's. */
    static String purpose(String keyId, int version) {
        return "kms key material " + keyId + " v" + version;
    }
}
