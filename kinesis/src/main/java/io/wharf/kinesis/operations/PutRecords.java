package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.Views;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

import java.util.ArrayList;
import java.util.List;

/** PutRecords: up to 500 records in request order; FailedRecordCount and per-entry errors. */
public final class PutRecords implements Operation {
    private final KinesisEngine engine;

    public PutRecords(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        List<Views.PutEntry> entries = new ArrayList<>();
        for (Input entry : input.structs("Records")) {
            entries.add(new Views.PutEntry(entry.bytes("Data"), entry.string("PartitionKey"),
                    entry.string("ExplicitHashKey")));
        }
        Views.PutOutcome outcome = engine.records().put(Wire.stream(ctx, input), entries, "records.%d.member.data");
        ObjectNode out = Wire.object().put("FailedRecordCount", outcome.failed());
        ArrayNode records = out.putArray("Records");
        for (Views.PutResult r : outcome.results()) {
            ObjectNode entry = records.addObject();
            if (r.errorCode() == null) {
                entry.put("SequenceNumber", r.sequenceNumber()).put("ShardId", r.shardId());
            } else {
                entry.put("ErrorCode", r.errorCode()).put("ErrorMessage", r.errorMessage());
            }
        }
        if (outcome.encrypted()) {
            out.put("EncryptionType", "KMS");
        }
        return out;
    }
}
