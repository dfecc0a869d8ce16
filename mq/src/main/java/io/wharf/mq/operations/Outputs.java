package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqViews;

import java.util.List;
import java.util.Map;

/**
 * The engine's views as output trees under the model's member names (the REST-JSON encoder writes the camel-case wire
 * names and ISO 8601 timestamps). Nothing here ever holds a password: the views have none.
 */
final class Outputs {
    private Outputs() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ObjectNode brokerSummary(ObjectNode out, MqViews.BrokerView b) {
        out.put("BrokerArn", b.arn()).put("BrokerId", b.id()).put("BrokerName", b.name())
                .put("BrokerState", b.state()).put("Created", b.created().toEpochMilli())
                .put("DeploymentMode", b.deploymentMode()).put("EngineType", b.engineType())
                .put("HostInstanceType", b.hostInstanceType());
        return out;
    }

    static ObjectNode broker(MqViews.BrokerView b) {
        ObjectNode out = brokerSummary(object(), b);
        if (b.actionRequiredCode() != null) {
            out.putArray("ActionsRequired").addObject().put("ActionRequiredCode", b.actionRequiredCode())
                    .put("ActionRequiredInfo", b.actionRequiredInfo());
        }
        out.put("AuthenticationStrategy", b.authenticationStrategy())
                .put("AutoMinorVersionUpgrade", b.autoMinorVersionUpgrade());
        ArrayNode instances = out.putArray("BrokerInstances");
        for (MqViews.Instance instance : b.instances()) {
            ObjectNode i = instances.addObject();
            if (instance.consoleUrl() != null) {
                i.put("ConsoleURL", instance.consoleUrl());
            }
            strings(i, "Endpoints", instance.endpoints());
            if (instance.ipAddress() != null) {
                i.put("IpAddress", instance.ipAddress());
            }
        }
        ObjectNode configurations = out.putObject("Configurations");
        if (b.configuration() != null) {
            configurationId(configurations.putObject("Current"), b.configuration());
        }
        ArrayNode history = configurations.putArray("History");
        b.configurationHistory().forEach(ref -> configurationId(history.addObject(), ref));
        if (b.pendingConfiguration() != null) {
            configurationId(configurations.putObject("Pending"), b.pendingConfiguration());
        }
        ObjectNode encryption = out.putObject("EncryptionOptions").put("UseAwsOwnedKey", b.useAwsOwnedKey());
        if (b.kmsKeyId() != null) {
            encryption.put("KmsKeyId", b.kmsKeyId());
        }
        out.put("EngineVersion", b.engineVersion());
        ObjectNode logs = out.putObject("Logs").put("General", b.logsGeneral())
                .put("GeneralLogGroup", "/aws/amazonmq/broker/" + b.id() + "/general");
        if (b.engineType().equals("ACTIVEMQ")) {
            logs.put("Audit", b.logsAudit()).put("AuditLogGroup", "/aws/amazonmq/broker/" + b.id() + "/audit");
        }
        maintenanceWindow(out, b.maintenanceDay(), b.maintenanceTime(), b.maintenanceZone());
        if (b.pendingEngineVersion() != null) {
            out.put("PendingEngineVersion", b.pendingEngineVersion());
        }
        if (b.pendingHostInstanceType() != null) {
            out.put("PendingHostInstanceType", b.pendingHostInstanceType());
        }
        out.put("PubliclyAccessible", b.publiclyAccessible());
        strings(out, "SecurityGroups", b.securityGroups());
        out.put("StorageType", b.storageType());
        strings(out, "SubnetIds", b.subnetIds());
        tags(out, b.tags());
        ArrayNode users = out.putArray("Users");
        b.users().forEach(user -> userSummary(users.addObject(), user));
        out.put("DataReplicationMode", b.dataReplicationMode());
        return out;
    }

    static void maintenanceWindow(ObjectNode out, String day, String time, String zone) {
        if (day != null) {
            ObjectNode window = out.putObject("MaintenanceWindowStartTime").put("DayOfWeek", day)
                    .put("TimeOfDay", time);
            if (zone != null) {
                window.put("TimeZone", zone);
            }
        }
    }

    static ObjectNode configurationId(ObjectNode out, MqViews.ConfigurationRef ref) {
        return out.put("Id", ref.id()).put("Revision", ref.revision());
    }

    static ObjectNode userSummary(ObjectNode out, MqViews.UserView user) {
        out.put("Username", user.username());
        if (user.pendingChange() != null) {
            out.put("PendingChange", user.pendingChange());
        }
        return out;
    }

    static ObjectNode user(MqViews.UserView user) {
        ObjectNode out = object().put("BrokerId", user.brokerId()).put("Username", user.username());
        if (user.applied()) {
            out.put("ConsoleAccess", user.consoleAccess());
            strings(out, "Groups", user.groups());
            out.put("ReplicationUser", user.replicationUser());
        }
        if (user.pendingChange() != null) {
            ObjectNode pending = out.putObject("Pending").put("PendingChange", user.pendingChange());
            if (user.pendingConsoleAccess() != null) {
                pending.put("ConsoleAccess", user.pendingConsoleAccess());
            }
            if (user.pendingGroups() != null) {
                strings(pending, "Groups", user.pendingGroups());
            }
        }
        return out;
    }

    static ObjectNode revision(ObjectNode out, MqViews.RevisionView revision) {
        out.put("Created", revision.created().toEpochMilli()).put("Revision", revision.revision());
        if (revision.description() != null) {
            out.put("Description", revision.description());
        }
        return out;
    }

    /** A configuration as DescribeConfiguration and ListConfigurations show it. */
    static ObjectNode configuration(ObjectNode out, MqViews.ConfigurationView c) {
        out.put("Arn", c.arn()).put("AuthenticationStrategy", c.authenticationStrategy())
                .put("Created", c.created().toEpochMilli())
                .put("Description", c.latest().description() == null ? "" : c.latest().description())
                .put("EngineType", c.engineType()).put("EngineVersion", c.engineVersion()).put("Id", c.id());
        revision(out.putObject("LatestRevision"), c.latest());
        out.put("Name", c.name());
        tags(out, c.tags());
        return out;
    }

    static void strings(ObjectNode out, String name, List<String> values) {
        ArrayNode array = out.putArray(name);
        values.forEach(array::add);
    }

    static void tags(ObjectNode out, Map<String, String> tags) {
        ObjectNode node = out.putObject("Tags");
        new java.util.TreeMap<>(tags).forEach(node::put);
    }
}
