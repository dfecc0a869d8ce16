package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;
import io.wharf.sqs.engine.BatchEntry;
import io.wharf.sqs.engine.SendCommand;

import java.util.List;

/** SendMessageBatch: request-level batch errors throw; per-entry errors land in Failed. */
public final class SendMessageBatch implements Operation {
    private final SqsEngine engine;

    public SendMessageBatch(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        List<BatchEntry<SendCommand>> entries = input.structs("Entries").stream()
                .map(e -> new BatchEntry<>(e.string("Id"), SendMessage.command(ctx, e))).toList();
        return Wire.batch(engine.sendMessageBatch(Wire.queue(ctx, input), entries), SendMessage::write);
    }
}
