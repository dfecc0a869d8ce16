package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

import io.wharf.sns.engine.Page;

/** ListTopics: 100 topic ARNs a page, in ARN order. */
public final class ListTopics implements Operation {
    private final SnsEngine engine;

    public ListTopics(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Page<String> page = engine.listTopics(ctx.region(), ctx.accountId(), input.string("NextToken"));
        ObjectNode out = Wire.empty();
        page.items().forEach(arn -> out.withArray("Topics").addObject().put("TopicArn", arn));
        if (page.items().isEmpty()) {
            out.putArray("Topics");
        }
        Wire.nextToken(out, "NextToken", page.nextToken());
        return out;
    }
}
