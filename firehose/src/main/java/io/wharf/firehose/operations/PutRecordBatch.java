package io.wharf.firehose.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.engine.FirehoseEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** PutRecordBatch: up to 500 records (4 MiB) in order; FailedPutCount and one entry per record. */
public final class PutRecordBatch implements Operation {
    private final FirehoseEngine engine;

    public PutRecordBatch(FirehoseEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        java.util.List<byte[]> records = new java.util.ArrayList<>();
        for (Input record : input.structs("Records")) {
            records.add(record.bytes("Data"));
        }
        FirehoseEngine.PutOutcome outcome = engine.put(input.string("DeliveryStreamName"), ctx.accountId(),
                ctx.region(), records);
        ObjectNode out = Wire.object().put("FailedPutCount", outcome.failed()).put("Encrypted", outcome.encrypted());
        var responses = out.putArray("RequestResponses");
        for (FirehoseEngine.PutResult r : outcome.results()) {
            ObjectNode entry = responses.addObject();
            if (r.errorCode() == null) {
                entry.put("RecordId", r.recordId());
            } else {
                entry.put("ErrorCode", r.errorCode()).put("ErrorMessage", r.errorMessage());
            }
        }
        return out;
    }
}
