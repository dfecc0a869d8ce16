package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqCommands.MaintenanceWindow;
import io.wharf.mq.engine.MqCommands.NewBroker;
import io.wharf.mq.engine.MqCommands.NewUser;
import io.wharf.mq.engine.MqEngine;
import io.wharf.mq.engine.MqViews;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;

/** CreateBroker: validates and records the broker, answers at once; it starts in the background. */
public final class CreateBroker implements Operation {
    private final MqEngine engine;

    public CreateBroker(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        MaintenanceWindow window = null;
        Input w = input.struct("MaintenanceWindowStartTime");
        if (w != null) {
            window = new MaintenanceWindow(w.string("DayOfWeek"), w.string("TimeOfDay"), w.string("TimeZone"));
        }
        Input encryption = input.struct("EncryptionOptions");
        Input logs = input.struct("Logs");
        Input configuration = input.struct("Configuration");
        List<NewUser> users = new ArrayList<>();
        for (Input user : input.structs("Users")) {
            users.add(Inputs.newUser(user, user.string("Username")));
        }
        MqViews.BrokerView broker = engine.createBroker(context.accountId(), context.region(), new NewBroker(
                input.string("BrokerName"), input.string("EngineType"), input.string("EngineVersion"),
                input.string("DeploymentMode"), input.string("HostInstanceType"),
                Boolean.TRUE.equals(input.bool("PubliclyAccessible")), input.bool("AutoMinorVersionUpgrade"),
                input.string("AuthenticationStrategy"), input.string("StorageType"), input.strings("SecurityGroups"),
                input.strings("SubnetIds"), logs == null ? null : logs.bool("General"),
                logs == null ? null : logs.bool("Audit"), window,
                encryption == null ? null : encryption.bool("UseAwsOwnedKey"),
                encryption == null ? null : encryption.string("KmsKeyId"),
                configuration == null ? null : configuration.string("Id"),
                configuration == null ? null : configuration.integer("Revision"),
                input.string("DataReplicationMode"), input.has("LdapServerMetadata"), users,
                input.stringMap("Tags")));
        return Outputs.object().put("BrokerArn", broker.arn()).put("BrokerId", broker.id());
    }
}
