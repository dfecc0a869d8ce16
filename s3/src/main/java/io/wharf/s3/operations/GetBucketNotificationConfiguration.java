package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.wharf.s3.engine.NotificationRule;

/** GetBucketNotificationConfiguration: the queue and topic configurations as stored. */
public final class GetBucketNotificationConfiguration implements Operation {
    private final S3Engine engine;

    public GetBucketNotificationConfiguration(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        ObjectNode out = Wire.output();
        ArrayNode topics = out.putArray("TopicConfigurations");
        ArrayNode queues = out.putArray("QueueConfigurations");
        for (NotificationRule r : engine.notificationConfiguration(in.string("Bucket"))) {
            boolean queue = r.destination() == NotificationRule.Destination.QUEUE;
            ObjectNode c = (queue ? queues : topics).addObject();
            c.put("Id", r.id());
            c.put(queue ? "QueueArn" : "TopicArn", r.arn());
            ArrayNode events = c.putArray("Events");
            r.events().forEach(events::add);
            if (r.prefix() != null || r.suffix() != null) {
                ArrayNode rules = c.putObject("Filter").putObject("Key").putArray("FilterRules");
                if (r.prefix() != null) {
                    rules.addObject().put("Name", "Prefix").put("Value", r.prefix());
                }
                if (r.suffix() != null) {
                    rules.addObject().put("Name", "Suffix").put("Value", r.suffix());
                }
            }
        }
        return out;
    }
}
