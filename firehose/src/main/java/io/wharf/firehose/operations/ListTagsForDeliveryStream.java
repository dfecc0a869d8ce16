package io.wharf.firehose.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.engine.FirehoseEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListTagsForDeliveryStream: tags in key order after ExclusiveStartTagKey, Limit (default 50). */
public final class ListTagsForDeliveryStream implements Operation {
    private final FirehoseEngine engine;

    public ListTagsForDeliveryStream(FirehoseEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        FirehoseEngine.TagPage page = engine.listTags(input.string("DeliveryStreamName"), ctx.accountId(), ctx.region(),
                input.string("ExclusiveStartTagKey"), input.integer("Limit"));
        ObjectNode out = Wire.object();
        var tags = out.putArray("Tags");
        page.tags().forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        return out.put("HasMoreTags", page.hasMore());
    }
}
