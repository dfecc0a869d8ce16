package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.StreamRef;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UpdateStreamMode: PROVISIONED and ON_DEMAND; the stream is UPDATING a moment. */
public final class UpdateStreamMode implements Operation {
    private final KinesisEngine engine;

    public UpdateStreamMode(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.updateStreamMode(StreamRef.parseArn(input.string("StreamARN")),
                input.struct("StreamModeDetails").string("StreamMode"), input.integer("WarmThroughputMiBps"));
        return null;
    }
}
