package io.wharf.firehose.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.engine.FirehoseEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DeleteDeliveryStream: DELETING, then gone; refused while CREATING unless AllowForceDelete. */
public final class DeleteDeliveryStream implements Operation {
    private final FirehoseEngine engine;

    public DeleteDeliveryStream(FirehoseEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.delete(input.string("DeliveryStreamName"), ctx.accountId(), ctx.region(),
                Boolean.TRUE.equals(input.bool("AllowForceDelete")));
        return null;
    }
}
