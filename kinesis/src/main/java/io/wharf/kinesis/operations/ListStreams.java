package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.KinesisErrors;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.Views;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListStreams: names in order, paged by ExclusiveStartStreamName or NextToken, with StreamSummaries. */
public final class ListStreams implements Operation {
    private final KinesisEngine engine;

    public ListStreams(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        if (input.has("NextToken") && input.has("ExclusiveStartStreamName")) {
            throw KinesisErrors.INVALID_ARGUMENT.error("NextToken and ExclusiveStartStreamName cannot be provided together.");
        }
        Views.StreamPage page = engine.listStreams(ctx.accountId(), ctx.region(),
                Wire.limit(input.integer("Limit"), 100, 10_000), input.string("ExclusiveStartStreamName"),
                input.string("NextToken"));
        ObjectNode out = Wire.object();
        ArrayNode names = out.putArray("StreamNames");
        out.put("HasMoreStreams", page.hasMore());
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        ArrayNode summaries = out.putArray("StreamSummaries");
        for (Views.StreamView v : page.streams()) {
            names.add(v.name());
            ObjectNode summary = summaries.addObject().put("StreamName", v.name()).put("StreamARN", v.arn())
                    .put("StreamStatus", v.status());
            summary.set("StreamModeDetails", Wire.modeDetails(v.mode()));
            summary.put("StreamCreationTimestamp", v.createdMillis());
        }
        return out;
    }
}
