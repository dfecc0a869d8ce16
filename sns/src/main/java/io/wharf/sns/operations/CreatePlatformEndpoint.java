package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** CreatePlatformEndpoint: idempotent per device token. */
public final class CreatePlatformEndpoint implements Operation {
    private final SnsEngine engine;

    public CreatePlatformEndpoint(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.empty().put("EndpointArn", engine.platform().createPlatformEndpoint(
                input.string("PlatformApplicationArn"), input.string("Token"), input.string("CustomUserData"),
                input.stringMap("Attributes")));
    }
}
