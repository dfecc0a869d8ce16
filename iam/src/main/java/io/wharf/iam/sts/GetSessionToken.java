package io.wharf.iam.sts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** GetSessionToken: temporary credentials standing for the calling user or root (12 hours by default). */
public final class GetSessionToken implements Operation {
    private final IamEngine engine;

    public GetSessionToken(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("Credentials", Credentials.of(engine.sessions().sessionToken(ctx.principal(),
                input.integer("DurationSeconds"))));
        return out;
    }
}
