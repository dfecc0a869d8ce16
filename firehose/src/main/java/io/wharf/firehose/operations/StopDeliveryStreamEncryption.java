package io.wharf.firehose.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.engine.FirehoseEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** StopDeliveryStreamEncryption: DISABLING, then DISABLED. */
public final class StopDeliveryStreamEncryption implements Operation {
    private final FirehoseEngine engine;

    public StopDeliveryStreamEncryption(FirehoseEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.stopEncryption(input.string("DeliveryStreamName"), ctx.accountId(), ctx.region());
        return null;
    }
}
