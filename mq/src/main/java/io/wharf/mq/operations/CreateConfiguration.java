package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.mq.engine.MqViews;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** CreateConfiguration: a configuration with revision 1 holding the engine's default document. */
public final class CreateConfiguration implements Operation {
    private final MqEngine engine;

    public CreateConfiguration(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        MqViews.ConfigurationView c = engine.createConfiguration(context.accountId(), context.region(),
                input.string("Name"), input.string("EngineType"), input.string("EngineVersion"),
                input.string("AuthenticationStrategy"), input.stringMap("Tags"));
        ObjectNode out = Outputs.object().put("Arn", c.arn()).put("AuthenticationStrategy", c.authenticationStrategy())
                .put("Created", c.created().toEpochMilli()).put("Id", c.id());
        Outputs.revision(out.putObject("LatestRevision"), c.latest());
        return out.put("Name", c.name());
    }
}
