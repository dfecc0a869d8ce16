package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.mq.engine.MqViews;
import io.wharf.mq.engine.Pages;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListConfigurationRevisions: the revisions, oldest first. */
public final class ListConfigurationRevisions implements Operation {
    private final MqEngine engine;

    public ListConfigurationRevisions(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        String id = input.string("ConfigurationId");
        MqViews.Page<MqViews.RevisionView> page = engine.listConfigurationRevisions(context.accountId(),
                context.region(), id, input.integer("MaxResults"), input.string("NextToken"));
        ObjectNode out = Outputs.object().put("ConfigurationId", id);
        out.put("MaxResults", input.integer("MaxResults") == null ? Pages.DEFAULT_MAX : input.integer("MaxResults"));
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        ArrayNode list = out.putArray("Revisions");
        page.items().forEach(revision -> Outputs.revision(list.addObject(), revision));
        return out;
    }
}
