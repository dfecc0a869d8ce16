package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;
import io.wharf.sqs.engine.SendCommand;
import io.wharf.sqs.engine.SendResult;

/** SendMessage: attribute MD5s only when attributes were sent, SequenceNumber only on FIFO queues. */
public final class SendMessage implements Operation {
    private final SqsEngine engine;

    public SendMessage(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        SendResult result = engine.sendMessage(Wire.queue(ctx, input), command(ctx, input));
        ObjectNode out = Wire.JSON.objectNode();
        write(out, result);
        return out;
    }

    static SendCommand command(RequestContext ctx, Input input) {
        return new SendCommand(input.string("MessageBody"), input.integer("DelaySeconds"),
                Wire.attributes(input, "MessageAttributes"), Wire.attributes(input, "MessageSystemAttributes"),
                input.string("MessageDeduplicationId"), input.string("MessageGroupId"),
                ctx.accessKeyId() != null ? ctx.accessKeyId() : SendCommand.DEFAULT_SENDER);
    }

    static void write(ObjectNode out, SendResult result) {
        out.put("MD5OfMessageBody", result.md5OfMessageBody());
        Wire.putIfPresent(out, "MD5OfMessageAttributes", result.md5OfMessageAttributes());
        Wire.putIfPresent(out, "MD5OfMessageSystemAttributes", result.md5OfMessageSystemAttributes());
        out.put("MessageId", result.messageId());
        Wire.putIfPresent(out, "SequenceNumber", result.sequenceNumber());
    }
}
