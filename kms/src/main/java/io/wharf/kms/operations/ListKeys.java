package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.kms.engine.KmsKey;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListKeys: the account's keys in the region, by key id. */
public final class ListKeys implements Operation {
    private final KmsEngine engine;

    public ListKeys(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        KmsEngine.Page<KmsKey> page = engine.listKeys(ctx.accountId(), ctx.region(), Wire.limit(input),
                input.string("Marker"));
        ObjectNode out = Wire.object();
        ArrayNode keys = out.putArray("Keys");
        for (KmsKey key : page.items()) {
            keys.addObject().put("KeyId", key.keyId()).put("KeyArn", key.arn());
        }
        Wire.paging(out, page.nextMarker());
        return out;
    }
}
