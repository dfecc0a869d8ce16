package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** CreatePlatformApplication: stored; nothing is ever pushed. */
public final class CreatePlatformApplication implements Operation {
    private final SnsEngine engine;

    public CreatePlatformApplication(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.empty().put("PlatformApplicationArn", engine.platform().createPlatformApplication(ctx.region(),
                ctx.accountId(), input.string("Name"), input.string("Platform"), input.stringMap("Attributes")));
    }
}
