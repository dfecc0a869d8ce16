package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UpdateMaxRecordSize: the stream's largest record, 1024-10240 KiB. */
public final class UpdateMaxRecordSize implements Operation {
    private final KinesisEngine engine;

    public UpdateMaxRecordSize(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.updateMaxRecordSize(Wire.stream(ctx, input), input.integer("MaxRecordSizeInKiB"));
        return null;
    }
}
