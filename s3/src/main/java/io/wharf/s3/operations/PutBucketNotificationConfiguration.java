package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;
import io.wharf.s3.S3Errors;
import io.wharf.s3.engine.NotificationRule;
import java.util.ArrayList;
import java.util.List;

/** PutBucketNotificationConfiguration: queue and topic configurations with prefix/suffix filters; each destination gets an s3:TestEvent (unless validation is skipped: then none is sent either). */
public final class PutBucketNotificationConfiguration implements Operation {
    private final S3Engine engine;

    public PutBucketNotificationConfiguration(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        Input config = in.struct("NotificationConfiguration");
        if (config == null) {
            throw S3Errors.MALFORMED_XML.error();
        }
        if (!config.structs("LambdaFunctionConfigurations").isEmpty() || config.has("EventBridgeConfiguration")) {
            throw S3Errors.NOT_IMPLEMENTED.error("Wharf delivers S3 event notifications to SQS queues and SNS topics"
                    + " only.");
        }
        List<NotificationRule> rules = new ArrayList<>();
        for (Input q : config.structs("QueueConfigurations")) {
            rules.add(rule(q, NotificationRule.Destination.QUEUE, q.string("QueueArn")));
        }
        for (Input t : config.structs("TopicConfigurations")) {
            rules.add(rule(t, NotificationRule.Destination.TOPIC, t.string("TopicArn")));
        }
        engine.putNotificationConfiguration(in.string("Bucket"), rules, Wire.requester(ctx),
                Boolean.TRUE.equals(in.bool("SkipDestinationValidation")));
        return null;
    }

    private static NotificationRule rule(Input c, NotificationRule.Destination destination, String arn) {
        String prefix = null;
        String suffix = null;
        Input filter = c.struct("Filter");
        Input key = filter == null ? null : filter.struct("Key");
        if (key != null) {
            for (Input r : key.structs("FilterRules")) {
                String name = r.string("Name") == null ? "" : r.string("Name").toLowerCase(java.util.Locale.ROOT);
                String value = r.string("Value");
                if (name.equals("prefix") && prefix == null) {
                    prefix = value;
                } else if (name.equals("suffix") && suffix == null) {
                    suffix = value;
                } else if (name.equals("prefix") || name.equals("suffix")) {
                    throw S3Errors.invalidArgument("Cannot specify more than one " + name + " rule in a filter.",
                            "FilterRule", name);
                } else {
                    throw S3Errors.invalidArgument("filter rule name must be either prefix or suffix", "FilterRule",
                            r.string("Name"));
                }
            }
        }
        if (arn == null || arn.isEmpty()) {
            throw S3Errors.MALFORMED_XML.error();
        }
        return new NotificationRule(c.string("Id"), destination, arn, c.strings("Events"), prefix, suffix);
    }
}
