package io.wharf.firehose.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.engine.FirehoseEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** TagDeliveryStream: adds or replaces tags; at most 50 per stream. */
public final class TagDeliveryStream implements Operation {
    private final FirehoseEngine engine;

    public TagDeliveryStream(FirehoseEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.tag(input.string("DeliveryStreamName"), ctx.accountId(), ctx.region(), Wire.tags(input, "Tags"));
        return null;
    }
}
