package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.kms.engine.KmsKey;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListKeyRotations: the key's rotations, oldest first; the marker is the index of the next. */
public final class ListKeyRotations implements Operation {
    private final KmsEngine engine;

    public ListKeyRotations(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        KmsKey key = engine.ownKey(ctx.accountId(), ctx.region(), input.string("KeyId"));
        int from = Markers.index(input.string("Marker"), key.rotations().size());
        int to = Math.min(key.rotations().size(), from + Wire.limit(input));
        ObjectNode out = Wire.object();
        ArrayNode rotations = out.putArray("Rotations");
        for (KmsKey.Rotation rotation : key.rotations().subList(from, to)) {
            rotations.addObject().put("KeyId", key.keyId()).put("RotationDate", rotation.date().toEpochMilli())
                    .put("RotationType", rotation.type());
        }
        Wire.paging(out, to < key.rotations().size() ? Integer.toString(to) : null);
        return out;
    }
}
