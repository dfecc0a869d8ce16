package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** DeletePlatformApplication: with its endpoints; idempotent. */
public final class DeletePlatformApplication implements Operation {
    private final SnsEngine engine;

    public DeletePlatformApplication(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.platform().deletePlatformApplication(input.string("PlatformApplicationArn"));
        return null;
    }
}
