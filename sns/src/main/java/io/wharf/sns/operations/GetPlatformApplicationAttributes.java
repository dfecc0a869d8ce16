package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** GetPlatformApplicationAttributes: the stored attributes (never the credential). */
public final class GetPlatformApplicationAttributes implements Operation {
    private final SnsEngine engine;

    public GetPlatformApplicationAttributes(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.attributes(engine.platform().platformApplicationAttributes(
                input.string("PlatformApplicationArn")));
    }
}
