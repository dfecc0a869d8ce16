package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;
import io.wharf.sqs.engine.BatchEntry;

import java.util.List;

/** DeleteMessageBatch. */
public final class DeleteMessageBatch implements Operation {
    private final SqsEngine engine;

    public DeleteMessageBatch(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        List<BatchEntry<String>> entries = input.structs("Entries").stream()
                .map(e -> new BatchEntry<>(e.string("Id"), e.string("ReceiptHandle"))).toList();
        return Wire.batch(engine.deleteMessageBatch(Wire.queue(ctx, input), entries), (node, nothing) -> { });
    }
}
