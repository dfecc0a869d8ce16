package io.wharf.kms.engine;

/** A key's {@code KeyState}, by AWS's names; Wharf's keys are never PendingImport or in the multi-Region states. */
public enum KeyStatus {
    ENABLED("Enabled"),
    DISABLED("Disabled"),
    PENDING_DELETION("PendingDeletion");

    private final String wire;

    KeyStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    static KeyStatus fromWire(String wire) {
        for (KeyStatus s : values()) {
            if (s.wire.equals(wire)) {
                return s;
            }
        }
        throw new IllegalStateException("unknown key state " + wire);
    }
}
