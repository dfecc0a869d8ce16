package io.wharf.firehose.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.engine.FirehoseEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UntagDeliveryStream: removes the keys; unknown keys are ignored. */
public final class UntagDeliveryStream implements Operation {
    private final FirehoseEngine engine;

    public UntagDeliveryStream(FirehoseEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.untag(input.string("DeliveryStreamName"), ctx.accountId(), ctx.region(), input.strings("TagKeys"));
        return null;
    }
}
