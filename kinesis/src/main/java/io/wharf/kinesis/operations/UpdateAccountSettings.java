package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.AccountSettings;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UpdateAccountSettings: enable or disable the commitment (stored; no billing here). */
public final class UpdateAccountSettings implements Operation {
    private final KinesisEngine engine;

    public UpdateAccountSettings(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        AccountSettings updated = engine.updateAccountSettings(ctx.accountId(), ctx.region(),
                input.struct("MinimumThroughputBillingCommitment").string("Status"));
        ObjectNode out = Wire.object();
        out.set("MinimumThroughputBillingCommitment", DescribeAccountSettings.commitment(updated));
        return out;
    }
}
