package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.mq.engine.MqViews;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListBrokers: the account's brokers in the region, a page at a time. */
public final class ListBrokers implements Operation {
    private final MqEngine engine;

    public ListBrokers(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        MqViews.Page<MqViews.BrokerView> page = engine.listBrokers(context.accountId(), context.region(),
                input.integer("MaxResults"), input.string("NextToken"));
        ObjectNode out = Outputs.object();
        ArrayNode summaries = out.putArray("BrokerSummaries");
        page.items().forEach(broker -> Outputs.brokerSummary(summaries.addObject(), broker));
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }
}
