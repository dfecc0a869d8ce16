package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** SetSMSAttributes: stored; no SMS is sent. */
public final class SetSMSAttributes implements Operation {
    private final SnsEngine engine;

    public SetSMSAttributes(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.platform().setSmsAttributes(input.stringMap("attributes"));
        return Wire.empty();
    }
}
