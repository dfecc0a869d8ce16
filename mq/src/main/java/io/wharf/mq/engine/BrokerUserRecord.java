package io.wharf.mq.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A broker user: what the broker has applied ({@link #applied}; false for a user created since the last reboot) and
 * what changes at the next reboot ({@link #pendingChange}: CREATE, UPDATE, DELETE or null). The password is kept here,
 * in the owner-only store, for the runtime; it never leaves in an answer, a log line or a {@code toString}.
 */
final class BrokerUserRecord {
    String username;
    boolean applied;
    String password;
    boolean consoleAccess;
    List<String> groups = new ArrayList<>();
    boolean replicationUser;
    String pendingChange;
    String pendingPassword;
    Boolean pendingConsoleAccess;
    List<String> pendingGroups;
    Boolean pendingReplicationUser;

    /** Applies the pending change; false when the user is gone (a pending DELETE). */
    boolean applyPending() {
        if (pendingChange == null) {
            return true;
        }
        if (pendingChange.equals("DELETE")) {
            return false;
        }
        if (pendingPassword != null) {
            password = pendingPassword;
        }
        if (pendingConsoleAccess != null) {
            consoleAccess = pendingConsoleAccess;
        }
        if (pendingGroups != null) {
            groups = new ArrayList<>(pendingGroups);
        }
        if (pendingReplicationUser != null) {
            replicationUser = pendingReplicationUser;
        }
        applied = true;
        clearPending();
        return true;
    }

    void clearPending() {
        pendingChange = null;
        pendingPassword = null;
        pendingConsoleAccess = null;
        pendingGroups = null;
        pendingReplicationUser = null;
    }

    @Override
    public String toString() {
        return "BrokerUserRecord[" + username + ", applied=" + applied + ", pending=" + pendingChange + "]";
    }
}
