package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListPolicyTags: a customer managed policy's tags in the order they were added. */
public final class ListPolicyTags implements Operation {
    private final IamEngine engine;

    public ListPolicyTags(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.page(Wire.empty(), "Tags", engine.managedPolicies().tags(Wire.account(ctx),
                input.string("PolicyArn"), input.string("Marker"), input.integer("MaxItems")),
                (list, t) -> list.addObject().put("Key", t.key()).put("Value", t.value()));
    }
}
