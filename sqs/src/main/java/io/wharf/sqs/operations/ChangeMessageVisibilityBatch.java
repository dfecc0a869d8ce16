package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;
import io.wharf.sqs.engine.BatchEntry;
import io.wharf.sqs.engine.VisibilityChange;

import java.util.List;

/** ChangeMessageVisibilityBatch (an entry without VisibilityTimeout means 0, as the model's default). */
public final class ChangeMessageVisibilityBatch implements Operation {
    private final SqsEngine engine;

    public ChangeMessageVisibilityBatch(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        List<BatchEntry<VisibilityChange>> entries = input.structs("Entries").stream()
                .map(e -> new BatchEntry<>(e.string("Id"), new VisibilityChange(e.string("ReceiptHandle"),
                        e.integer("VisibilityTimeout") == null ? 0 : e.integer("VisibilityTimeout")))).toList();
        return Wire.batch(engine.changeMessageVisibilityBatch(Wire.queue(ctx, input), entries), (node, nothing) -> { });
    }
}
