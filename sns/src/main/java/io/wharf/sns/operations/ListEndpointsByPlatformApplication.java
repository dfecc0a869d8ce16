package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** ListEndpointsByPlatformApplication: the application's stored endpoints. */
public final class ListEndpointsByPlatformApplication implements Operation {
    private final SnsEngine engine;

    public ListEndpointsByPlatformApplication(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.entities(engine.platform().listEndpoints(input.string("PlatformApplicationArn"),
                input.string("NextToken")), "Endpoints", "EndpointArn");
    }
}
