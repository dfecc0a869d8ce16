package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.kms.engine.KmsKey;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListResourceTags: in the order the tags were set; the marker is the index of the next. */
public final class ListResourceTags implements Operation {
    private final KmsEngine engine;

    public ListResourceTags(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        KmsKey key = engine.ownKey(ctx.accountId(), ctx.region(), input.string("KeyId"));
        int from = Markers.index(input.string("Marker"), key.tagOrder().size());
        int to = Math.min(key.tagOrder().size(), from + Wire.limit(input));
        ObjectNode out = Wire.object();
        ArrayNode tags = out.putArray("Tags");
        for (String tagKey : key.tagOrder().subList(from, to)) {
            tags.addObject().put("TagKey", tagKey).put("TagValue", key.tags().get(tagKey));
        }
        Wire.paging(out, to < key.tagOrder().size() ? Integer.toString(to) : null);
        return out;
    }
}
