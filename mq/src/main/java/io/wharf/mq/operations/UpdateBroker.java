package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqCommands.BrokerUpdate;
import io.wharf.mq.engine.MqCommands.MaintenanceWindow;
import io.wharf.mq.engine.MqEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UpdateBroker: configuration, engine version and instance type wait for the next reboot; the rest applies now. The answer echoes what was asked, as AWS's does. */
public final class UpdateBroker implements Operation {
    private final MqEngine engine;

    public UpdateBroker(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        MaintenanceWindow window = null;
        Input w = input.struct("MaintenanceWindowStartTime");
        if (w != null) {
            window = new MaintenanceWindow(w.string("DayOfWeek"), w.string("TimeOfDay"), w.string("TimeZone"));
        }
        Input logs = input.struct("Logs");
        Input configuration = input.struct("Configuration");
        String brokerId = input.string("BrokerId");
        engine.updateBroker(context.accountId(), context.region(), brokerId, new BrokerUpdate(
                input.string("AuthenticationStrategy"), input.bool("AutoMinorVersionUpgrade"),
                configuration == null ? null : configuration.string("Id"),
                configuration == null ? null : configuration.integer("Revision"), input.string("EngineVersion"),
                input.string("HostInstanceType"), logs == null ? null : logs.bool("General"),
                logs == null ? null : logs.bool("Audit"), window,
                input.has("SecurityGroups") ? input.strings("SecurityGroups") : null,
                input.string("DataReplicationMode"), input.has("LdapServerMetadata")));
        ObjectNode out = Outputs.object().put("BrokerId", brokerId);
        for (String member : new String[] {"AuthenticationStrategy", "AutoMinorVersionUpgrade", "Configuration",
                "EngineVersion", "HostInstanceType", "Logs", "MaintenanceWindowStartTime", "SecurityGroups",
                "DataReplicationMode"}) {
            if (input.has(member)) {
                out.set(member, input.tree().get(member));
            }
        }
        return out;
    }
}
