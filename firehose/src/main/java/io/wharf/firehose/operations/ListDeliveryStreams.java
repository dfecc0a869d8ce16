package io.wharf.firehose.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.engine.FirehoseEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListDeliveryStreams: names in order after ExclusiveStartDeliveryStreamName, Limit (default 10). */
public final class ListDeliveryStreams implements Operation {
    private final FirehoseEngine engine;

    public ListDeliveryStreams(FirehoseEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        FirehoseEngine.Page page = engine.list(ctx.accountId(), ctx.region(), input.string("DeliveryStreamType"),
                input.string("ExclusiveStartDeliveryStreamName"), input.integer("Limit"));
        ObjectNode out = Wire.object();
        page.names().forEach(out.putArray("DeliveryStreamNames")::add);
        return out.put("HasMoreDeliveryStreams", page.hasMore());
    }
}
