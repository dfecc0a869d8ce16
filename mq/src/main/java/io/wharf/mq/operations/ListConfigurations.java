package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.mq.engine.MqViews;
import io.wharf.mq.engine.Pages;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListConfigurations: the account's configurations in the region, a page at a time. */
public final class ListConfigurations implements Operation {
    private final MqEngine engine;

    public ListConfigurations(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        MqViews.Page<MqViews.ConfigurationView> page = engine.listConfigurations(context.accountId(), context.region(),
                input.integer("MaxResults"), input.string("NextToken"));
        ObjectNode out = Outputs.object();
        ArrayNode list = out.putArray("Configurations");
        page.items().forEach(c -> Outputs.configuration(list.addObject(), c));
        out.put("MaxResults", input.integer("MaxResults") == null ? Pages.DEFAULT_MAX : input.integer("MaxResults"));
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }
}
