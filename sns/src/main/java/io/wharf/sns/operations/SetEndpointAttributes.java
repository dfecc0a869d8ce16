package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** SetEndpointAttributes: stored. */
public final class SetEndpointAttributes implements Operation {
    private final SnsEngine engine;

    public SetEndpointAttributes(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.platform().setEndpointAttributes(input.string("EndpointArn"), input.stringMap("Attributes"));
        return null;
    }
}
