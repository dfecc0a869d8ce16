package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** SetPlatformApplicationAttributes: stored. */
public final class SetPlatformApplicationAttributes implements Operation {
    private final SnsEngine engine;

    public SetPlatformApplicationAttributes(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.platform().setPlatformApplicationAttributes(input.string("PlatformApplicationArn"),
                input.stringMap("Attributes"));
        return null;
    }
}
