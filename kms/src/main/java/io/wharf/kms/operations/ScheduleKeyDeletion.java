package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.kms.engine.KmsKey;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ScheduleKeyDeletion: PendingDeletion for 7–30 days (default 30), then the key is deleted. */
public final class ScheduleKeyDeletion implements Operation {
    private final KmsEngine engine;

    public ScheduleKeyDeletion(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        KmsKey key = engine.scheduleDeletion(ctx.accountId(), ctx.region(), input.string("KeyId"),
                input.integer("PendingWindowInDays"));
        return Wire.object().put("KeyId", key.arn()).put("DeletionDate", key.deletionDate().toEpochMilli())
                .put("KeyState", key.status().wire()).put("PendingWindowInDays", key.pendingWindowDays());
    }
}
