package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.wharf.sqs.engine.MoveTaskView;

/** ListMessageMoveTasks: newest first; counters and StartedTimestamp are longs (epoch ms). */
public final class ListMessageMoveTasks implements Operation {
    private final SqsEngine engine;

    public ListMessageMoveTasks(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        ObjectNode out = Wire.JSON.objectNode();
        ArrayNode results = out.putArray("Results");
        for (MoveTaskView t : engine.listMessageMoveTasks(input.string("SourceArn"), input.integer("MaxResults"))) {
            ObjectNode node = results.addObject();
            Wire.putIfPresent(node, "TaskHandle", t.taskHandle());
            node.put("Status", t.status()).put("SourceArn", t.sourceArn());
            Wire.putIfPresent(node, "DestinationArn", t.destinationArn());
            if (t.maxNumberOfMessagesPerSecond() != null) {
                node.put("MaxNumberOfMessagesPerSecond", t.maxNumberOfMessagesPerSecond());
            }
            node.put("ApproximateNumberOfMessagesMoved", t.approximateNumberOfMessagesMoved());
            if (t.approximateNumberOfMessagesToMove() != null) {
                node.put("ApproximateNumberOfMessagesToMove", t.approximateNumberOfMessagesToMove());
            }
            Wire.putIfPresent(node, "FailureReason", t.failureReason());
            node.put("StartedTimestamp", t.startedTimestamp());
        }
        return out;
    }
}
