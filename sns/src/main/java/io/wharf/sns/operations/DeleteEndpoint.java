package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** DeleteEndpoint: idempotent. */
public final class DeleteEndpoint implements Operation {
    private final SnsEngine engine;

    public DeleteEndpoint(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.platform().deleteEndpoint(input.string("EndpointArn"));
        return null;
    }
}
