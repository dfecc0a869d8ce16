package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.mq.engine.MqViews;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DescribeConfigurationRevision: one revision with its base64 data. */
public final class DescribeConfigurationRevision implements Operation {
    private final MqEngine engine;

    public DescribeConfigurationRevision(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        String id = input.string("ConfigurationId");
        MqViews.RevisionView revision = engine.describeConfigurationRevision(context.accountId(), context.region(),
                id, input.string("ConfigurationRevision"));
        ObjectNode out = Outputs.object().put("ConfigurationId", id).put("Created", revision.created().toEpochMilli())
                .put("Data", revision.data());
        if (revision.description() != null) {
            out.put("Description", revision.description());
        }
        return out;
    }
}
