package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;

/** AddPermission: a statement labelled Label in the queue's Policy. */
public final class AddPermission implements Operation {
    private final SqsEngine engine;

    public AddPermission(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.addPermission(Wire.queue(ctx, input), input.string("Label"), input.strings("AWSAccountIds"),
                input.strings("Actions"));
        return null;
    }
}
