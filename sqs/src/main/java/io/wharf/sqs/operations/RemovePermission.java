package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;

/** RemovePermission: drops the statement labelled Label (the Policy goes when it is empty). */
public final class RemovePermission implements Operation {
    private final SqsEngine engine;

    public RemovePermission(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.removePermission(Wire.queue(ctx, input), input.string("Label"));
        return null;
    }
}
