package io.wharf.mq.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the engine answers: immutable snapshots, read under its lock, without passwords. */
public final class MqViews {
    private MqViews() {
    }

    public record ConfigurationRef(String id, int revision) {
    }

    public record Instance(String consoleUrl, List<String> endpoints, String ipAddress) {
    }

    public record BrokerView(String id, String name, String arn, Instant created, String state,
                             String engineType, String engineVersion, String pendingEngineVersion,
                             String deploymentMode, String hostInstanceType, String pendingHostInstanceType,
                             boolean publiclyAccessible, boolean autoMinorVersionUpgrade,
                             String authenticationStrategy, String storageType, List<String> securityGroups,
                             List<String> subnetIds, boolean logsGeneral, boolean logsAudit,
                             String maintenanceDay, String maintenanceTime, String maintenanceZone,
                             boolean useAwsOwnedKey, String kmsKeyId, String dataReplicationMode,
                             ConfigurationRef configuration, ConfigurationRef pendingConfiguration,
                             List<ConfigurationRef> configurationHistory, String actionRequiredCode,
                             String actionRequiredInfo, List<Instance> instances, Map<String, String> tags,
                             List<UserView> users) {
    }

    /**
     * A user as DescribeUser shows it: the applied values ({@code applied} false for a user whose creation is
     * pending) and the pending change with its new values.
     */
    public record UserView(String brokerId, String username, boolean applied, boolean consoleAccess,
                           List<String> groups, boolean replicationUser, String pendingChange,
                           Boolean pendingConsoleAccess, List<String> pendingGroups) {
    }

    public record RevisionView(int revision, Instant created, String description, String data) {
    }

    public record ConfigurationView(String id, String arn, String name, String engineType, String engineVersion,
                                    String authenticationStrategy, Instant created, RevisionView latest,
                                    Map<String, String> tags) {
    }

    /** AWS's {@code SanitizationWarning}: what the broker will not use of a revision's data. */
    public record Warning(String elementName, String attributeName, String reason) {
    }

    /** UpdateConfiguration's answer: the configuration with its new revision, and the runtime's warnings. */
    public record ConfigurationUpdate(ConfigurationView configuration, List<Warning> warnings) {
    }

    /** One page of a listing and the token of the next, or null after the last. */
    public record Page<T>(List<T> items, String nextToken) {
    }
}
