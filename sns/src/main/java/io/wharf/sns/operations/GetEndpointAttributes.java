package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** GetEndpointAttributes: Token, Enabled, CustomUserData. */
public final class GetEndpointAttributes implements Operation {
    private final SnsEngine engine;

    public GetEndpointAttributes(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.attributes(engine.platform().endpointAttributes(input.string("EndpointArn")));
    }
}
