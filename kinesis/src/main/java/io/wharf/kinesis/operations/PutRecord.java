package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.KinesisErrors;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.Views;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

import java.util.List;

/** PutRecord: one record, routed by the MD5 of its partition key or its ExplicitHashKey. */
public final class PutRecord implements Operation {
    private final KinesisEngine engine;

    public PutRecord(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Views.PutOutcome outcome = engine.records().put(Wire.stream(ctx, input), List.of(new Views.PutEntry(
                input.bytes("Data"), input.string("PartitionKey"), input.string("ExplicitHashKey"))), "data");
        Views.PutResult r = outcome.results().get(0);
        if (r.errorCode() != null) { // the shard's throughput is exceeded (--kinesis-enforce-limits)
            throw KinesisErrors.PROVISIONED_THROUGHPUT_EXCEEDED.error(r.errorMessage());
        }
        ObjectNode out = Wire.object().put("ShardId", r.shardId()).put("SequenceNumber", r.sequenceNumber());
        if (outcome.encrypted()) {
            out.put("EncryptionType", "KMS");
        }
        return out;
    }
}
