package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

import io.wharf.sns.engine.BatchResult;
import io.wharf.sns.engine.PublishCommand;

import java.util.List;
import java.util.Map;

/** PublishBatch: request-level errors throw; per-entry errors land in Failed. */
public final class PublishBatch implements Operation {
    private final SnsEngine engine;

    public PublishBatch(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        String topicArn = input.string("TopicArn");
        List<Map.Entry<String, PublishCommand>> entries = input.structs("PublishBatchRequestEntries").stream()
                .map(e -> Map.entry(e.string("Id") == null ? "" : e.string("Id"), Wire.publish(ctx, e, topicArn)))
                .toList();
        BatchResult result = engine.publishBatch(topicArn, entries);
        ObjectNode out = Wire.empty();
        var ok = out.putArray("Successful");
        for (BatchResult.Success s : result.successful()) {
            ObjectNode entry = ok.addObject().put("Id", s.id()).put("MessageId", s.messageId());
            if (s.sequenceNumber() != null) {
                entry.put("SequenceNumber", s.sequenceNumber());
            }
        }
        var failed = out.putArray("Failed");
        for (BatchResult.Failure f : result.failed()) {
            failed.addObject().put("Id", f.id()).put("Code", f.code()).put("Message", f.message())
                    .put("SenderFault", f.senderFault());
        }
        return out;
    }
}
