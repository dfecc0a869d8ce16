package io.wharf.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.eventstream.EventStreamMessage;
import io.wharf.protocol.json.JsonEncoder;
import io.wharf.protocol.json.JsonFormat;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.Shape;
import io.wharf.protocol.wire.WireResponse;

import java.io.IOException;

/**
 * Turns an {@link EventStreamOperation.Events} into a streamed HTTP answer (kinesis.md §1.6): status 200,
 * {@code application/vnd.amazon.eventstream}, no length; first an {@code initial-response} event, then one
 * event-stream message per event, payloads in the request's format.
 */
final class EventStreams {
    static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    private EventStreams() {
    }

    static WireResponse response(EventStreamOperation.Events events, OperationModel operation, JsonFormat format) {
        Shape stream = eventStreamShape(operation.output());
        String payloadType = format.contentType("1.1");
        return WireResponse.streaming(200, CONTENT_TYPE, out -> {
            out.write(EventStreamMessage.event("initial-response", payloadType,
                    JsonEncoder.encode(format.mapper().createObjectNode(), null, format)).encode());
            events.run(new EventStreamOperation.Sink() {
                @Override
                public void event(String eventType, ObjectNode payload) throws IOException, InterruptedException {
                    Member member = stream == null ? null : stream.member(eventType);
                    out.write(EventStreamMessage.event(eventType, payloadType,
                            JsonEncoder.encode(payload, member == null ? null : member.shape(), format)).encode());
                }

                @Override
                public void exception(String exceptionType, String message) throws IOException, InterruptedException {
                    ObjectNode body = format.mapper().createObjectNode();
                    if (message != null) {
                        body.put("message", message);
                    }
                    out.write(EventStreamMessage.exception(exceptionType, payloadType,
                            JsonEncoder.encode(body, null, format)).encode());
                }

                @Override
                public boolean open() {
                    return out.open();
                }
            });
        });
    }

    /** The output member marked {@code eventstream} (SubscribeToShardOutput.EventStream), or null. */
    private static Shape eventStreamShape(Shape output) {
        if (output == null) {
            return null;
        }
        for (Member m : output.members().values()) {
            if (m.shape().eventStream()) {
                return m.shape();
            }
        }
        return null;
    }
}
