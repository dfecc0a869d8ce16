package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListGroups: the account's groups in name order, filtered by path prefix. */
public final class ListGroups implements Operation {
    private final IamEngine engine;

    public ListGroups(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.page(Wire.empty(), "Groups", engine.groups().list(Wire.account(ctx), input.string("PathPrefix"),
                input.string("Marker"), input.integer("MaxItems")), (list, g) -> Wire.group(list.addObject(), g));
    }
}
