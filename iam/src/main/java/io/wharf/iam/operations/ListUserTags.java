package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListUserTags: a user's tags in the order they were added. */
public final class ListUserTags implements Operation {
    private final IamEngine engine;

    public ListUserTags(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.page(Wire.empty(), "Tags", engine.users().tags(Wire.account(ctx), input.string("UserName"),
                input.string("Marker"), input.integer("MaxItems")),
                (list, t) -> list.addObject().put("Key", t.key()).put("Value", t.value()));
    }
}
