package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.Views;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DescribeLimits: the configured quotas and what the account uses of them. */
public final class DescribeLimits implements Operation {
    private final KinesisEngine engine;

    public DescribeLimits(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Views.Limits limits = engine.limits(ctx.accountId(), ctx.region());
        return Wire.object().put("ShardLimit", limits.shardLimit()).put("OpenShardCount", limits.openShardCount())
                .put("OnDemandStreamCount", limits.onDemandStreamCount())
                .put("OnDemandStreamCountLimit", limits.onDemandStreamCountLimit());
    }
}
