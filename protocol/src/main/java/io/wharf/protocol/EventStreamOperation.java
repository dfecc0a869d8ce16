package io.wharf.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * An action whose answer is an event stream ({@code application/vnd.amazon.eventstream}), such as Kinesis's
 * SubscribeToShard. {@link #open} checks the request and may throw {@link AwsException} — that becomes an ordinary
 * error response. Otherwise the gateway answers 200, sends the {@code initial-response} event, then runs the
 * returned {@link Events} on the request's own virtual thread until it returns; each event's payload is encoded in
 * the request's format (JSON or CBOR) by the shape of the event stream's member of that name.
 */
public interface EventStreamOperation extends Operation {

    Events open(RequestContext context, Input input);

    /** Not called: the gateway calls {@link #open} for event-stream operations. */
    @Override
    default ObjectNode invoke(RequestContext context, Input input) {
        throw new IllegalStateException("event-stream operations are opened, not invoked");
    }

    /** The body of one subscription. */
    @FunctionalInterface
    interface Events {
        /** Sends events until done, the client leaves ({@link Sink#open()} false) or the server stops. */
        void run(Sink sink) throws IOException, InterruptedException;
    }

    /** Where events go. Every call is flushed to the client before it returns (back-pressure). */
    interface Sink {
        /** @param eventType the event-stream member, e.g. {@code SubscribeToShardEvent} */
        void event(String eventType, ObjectNode payload) throws IOException, InterruptedException;

        /** A modeled exception (a member of the event stream such as ResourceInUseException); ends the stream. */
        void exception(String exceptionType, String message) throws IOException, InterruptedException;

        boolean open();
    }
}
