package io.wharf.firehose.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.engine.FirehoseEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** PutRecord: one record into the stream's durable buffer; its RecordId and whether SSE was on. */
public final class PutRecord implements Operation {
    private final FirehoseEngine engine;

    public PutRecord(FirehoseEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        FirehoseEngine.PutOutcome outcome = engine.put(input.string("DeliveryStreamName"), ctx.accountId(),
                ctx.region(), java.util.List.of(input.struct("Record").bytes("Data")));
        return Wire.object().put("RecordId", outcome.results().get(0).recordId())
                .put("Encrypted", outcome.encrypted());
    }
}
