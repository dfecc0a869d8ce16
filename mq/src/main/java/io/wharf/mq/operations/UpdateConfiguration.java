package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.mq.engine.MqViews;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UpdateConfiguration: a new revision from base64 data the engine's runtime accepts. */
public final class UpdateConfiguration implements Operation {
    private final MqEngine engine;

    public UpdateConfiguration(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        MqViews.ConfigurationUpdate update = engine.updateConfiguration(context.accountId(), context.region(),
                input.string("ConfigurationId"), input.string("Data"), input.string("Description"));
        MqViews.ConfigurationView c = update.configuration();
        ObjectNode out = Outputs.object().put("Arn", c.arn()).put("Created", c.created().toEpochMilli())
                .put("Id", c.id());
        Outputs.revision(out.putObject("LatestRevision"), c.latest());
        out.put("Name", c.name());
        ArrayNode warnings = out.putArray("Warnings");
        for (MqViews.Warning warning : update.warnings()) {
            ObjectNode w = warnings.addObject().put("ElementName", warning.elementName()).put("Reason", warning.reason());
            if (warning.attributeName() != null) {
                w.put("AttributeName", warning.attributeName());
            }
        }
        return out;
    }
}
