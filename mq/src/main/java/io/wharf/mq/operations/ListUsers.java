package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.mq.engine.MqViews;
import io.wharf.mq.engine.Pages;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListUsers: each user's name and pending change. */
public final class ListUsers implements Operation {
    private final MqEngine engine;

    public ListUsers(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        String brokerId = input.string("BrokerId");
        MqViews.Page<MqViews.UserView> page = engine.listUsers(context.accountId(), context.region(), brokerId,
                input.integer("MaxResults"), input.string("NextToken"));
        ObjectNode out = Outputs.object().put("BrokerId", brokerId);
        out.put("MaxResults", Math.max(5, input.integer("MaxResults") == null ? Pages.DEFAULT_MAX
                : input.integer("MaxResults")));
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        ArrayNode users = out.putArray("Users");
        page.items().forEach(user -> Outputs.userSummary(users.addObject(), user));
        return out;
    }
}
