package io.wharf.mq.engine;

import java.util.List;
import java.util.Map;

/** What the operations ask the engine to do, as typed values (null: not given). */
public final class MqCommands {
    private MqCommands() {
    }

    /** A user as CreateBroker/CreateUser give it. */
    public record NewUser(String username, String password, boolean consoleAccess, List<String> groups,
                          boolean replicationUser) {
        public NewUser {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        @Override
        public String toString() {
            return "NewUser[" + username + "]";
        }
    }

    /** UpdateUser's members; null ones stay as they are. */
    public record UserChange(String password, Boolean consoleAccess, List<String> groups, Boolean replicationUser) {
        @Override
        public String toString() {
            return "UserChange[consoleAccess=" + consoleAccess + ", groups=" + groups + "]";
        }
    }

    public record MaintenanceWindow(String dayOfWeek, String timeOfDay, String timeZone) {
    }

    public record NewBroker(String name, String engineType, String engineVersion, String deploymentMode,
                            String hostInstanceType, boolean publiclyAccessible, Boolean autoMinorVersionUpgrade,
                            String authenticationStrategy, String storageType, List<String> securityGroups,
                            List<String> subnetIds, Boolean logsGeneral, Boolean logsAudit,
                            MaintenanceWindow maintenanceWindow, Boolean useAwsOwnedKey, String kmsKeyId,
                            String configurationId, Integer configurationRevision, String dataReplicationMode,
                            boolean ldap, List<NewUser> users, Map<String, String> tags) {
    }

    /** UpdateBroker's members; null ones stay as they are. */
    public record BrokerUpdate(String authenticationStrategy, Boolean autoMinorVersionUpgrade, String configurationId,
                               Integer configurationRevision, String engineVersion, String hostInstanceType,
                               Boolean logsGeneral, Boolean logsAudit, MaintenanceWindow maintenanceWindow,
                               List<String> securityGroups, String dataReplicationMode, boolean ldap) {
    }
}
