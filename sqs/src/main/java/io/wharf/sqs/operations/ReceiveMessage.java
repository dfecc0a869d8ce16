package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.wharf.sqs.engine.ReceiveCommand;
import io.wharf.sqs.engine.ReceivedMessage;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** ReceiveMessage: no Messages member when nothing arrived; attributes and their MD5 only when returned. */
public final class ReceiveMessage implements Operation {
    private final SqsEngine engine;

    public ReceiveMessage(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Set<String> systemNames = new HashSet<>(input.strings("AttributeNames"));
        systemNames.addAll(input.strings("MessageSystemAttributeNames"));
        ReceiveCommand command = new ReceiveCommand(input.integer("MaxNumberOfMessages"),
                input.integer("VisibilityTimeout"), input.integer("WaitTimeSeconds"), systemNames,
                input.strings("MessageAttributeNames"), input.string("ReceiveRequestAttemptId"));
        List<ReceivedMessage> messages = engine.receiveMessage(Wire.queue(ctx, input), command);
        ObjectNode out = Wire.JSON.objectNode();
        if (!messages.isEmpty()) {
            ArrayNode list = out.putArray("Messages");
            for (ReceivedMessage m : messages) {
                ObjectNode node = list.addObject().put("MessageId", m.messageId())
                        .put("ReceiptHandle", m.receiptHandle()).put("MD5OfBody", m.md5OfBody())
                        .put("Body", m.body());
                if (!m.attributes().isEmpty()) {
                    node.set("Attributes", Wire.stringMap(m.attributes()));
                }
                if (!m.messageAttributes().isEmpty()) {
                    node.put("MD5OfMessageAttributes", m.md5OfMessageAttributes());
                    node.set("MessageAttributes", Wire.attributesNode(m.messageAttributes()));
                }
            }
        }
        return out;
    }
}
