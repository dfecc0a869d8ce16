package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.AccountSettings;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DescribeAccountSettings: the minimum throughput billing commitment. */
public final class DescribeAccountSettings implements Operation {
    private final KinesisEngine engine;

    public DescribeAccountSettings(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        ObjectNode out = Wire.object();
        out.set("MinimumThroughputBillingCommitment", commitment(engine.accountSettings(ctx.accountId(), ctx.region())));
        return out;
    }

    static ObjectNode commitment(AccountSettings a) {
        ObjectNode out = Wire.object().put("Status", a.status());
        if (a.startedAtMillis() >= 0) {
            out.put("StartedAt", a.startedAtMillis());
        }
        if (a.endedAtMillis() >= 0) {
            out.put("EndedAt", a.endedAtMillis());
        }
        if (a.earliestAllowedEndAtMillis() >= 0) {
            out.put("EarliestAllowedEndAt", a.earliestAllowedEndAtMillis());
        }
        return out;
    }
}
