package io.wharf.mq.engine;

import io.wharf.mq.broker.RunningBroker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * One broker as the engine keeps it, guarded by the engine's lock. Its non-transient fields are its record in the
 * store ({@link MqStoreLayout}); the transient ones live only while Wharf runs.
 */
final class Broker {
    String id;
    String name;
    String arn;
    String account;
    String region;
    long createdMillis;
    String engineType;
    String engineVersion;
    String deploymentMode;
    String hostInstanceType;
    boolean publiclyAccessible;
    boolean autoMinorVersionUpgrade;
    String authenticationStrategy;
    String storageType;
    List<String> securityGroups = new ArrayList<>();
    List<String> subnetIds = new ArrayList<>();
    boolean logsGeneral;
    boolean logsAudit;
    String maintenanceDay;
    String maintenanceTime;
    String maintenanceZone;
    boolean useAwsOwnedKey = true;
    String kmsKeyId;
    String dataReplicationMode = "NONE";
    /** The applied configuration and revision, or null (RabbitMQ without one). */
    ConfigurationRef configuration;
    /** The configuration UpdateBroker asked for, applied at the next reboot, or null. */
    ConfigurationRef pendingConfiguration;
    List<ConfigurationRef> configurationHistory = new ArrayList<>();
    String pendingEngineVersion;
    String pendingHostInstanceType;
    /** AWS's BrokerState. */
    String state;
    /** Why the broker needs attention (CRITICAL_ACTION_REQUIRED), or null. */
    String actionRequiredCode;
    String actionRequiredInfo;
    Map<String, String> tags = new LinkedHashMap<>();
    TreeMap<String, BrokerUserRecord> users = new TreeMap<>();
    /** The ports the runtime chose, handed back at the next start. */
    Map<String, Integer> ports = new TreeMap<>();

    transient RunningBroker running;
    transient List<RunningBroker.Instance> instances = List.of();
    /** The broker's lifecycle tasks, one after another. */
    transient CompletableFuture<Void> lifecycle = CompletableFuture.completedFuture(null);

    record ConfigurationRef(String id, int revision) {
    }
}
