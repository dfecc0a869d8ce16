package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** AddPermission: a statement in the topic's Policy. */
public final class AddPermission implements Operation {
    private final SnsEngine engine;

    public AddPermission(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.addPermission(input.string("TopicArn"), input.string("Label"), input.strings("AWSAccountId"),
                input.strings("ActionName"));
        return null;
    }
}
