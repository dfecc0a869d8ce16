package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.Views;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListStreamConsumers: in registration order, MaxResults (default 100) at a time. */
public final class ListStreamConsumers implements Operation {
    private final KinesisEngine engine;

    public ListStreamConsumers(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Views.ConsumerPage page = engine.listConsumers(input.string("StreamARN"),
                Wire.limit(input.integer("MaxResults"), 100, 10_000), input.string("NextToken"));
        ObjectNode out = Wire.object();
        ArrayNode consumers = out.putArray("Consumers");
        page.consumers().forEach(c -> consumers.add(Wire.consumer(c, false)));
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }
}
