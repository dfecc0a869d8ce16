package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** CreateTopic: idempotent by name; attributes and tags must match an existing topic's. */
public final class CreateTopic implements Operation {
    private final SnsEngine engine;

    public CreateTopic(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        String arn = engine.createTopic(ctx.region(), ctx.accountId(), input.string("Name"),
                input.stringMap("Attributes"), Wire.tags(input), input.string("DataProtectionPolicy"));
        return Wire.empty().put("TopicArn", arn);
    }
}
