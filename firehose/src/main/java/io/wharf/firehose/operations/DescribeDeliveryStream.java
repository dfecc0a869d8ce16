package io.wharf.firehose.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.engine.FirehoseEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.model.ServiceModel;

/**
 * DescribeDeliveryStream: the stream with its one destination, described as AWS does — the configuration projected
 * onto its Description shape (secrets left out) and, for ExtendedS3, mirrored as an S3DestinationDescription too.
 */
public final class DescribeDeliveryStream implements Operation {
    private final FirehoseEngine engine;
    private final ServiceModel model;

    public DescribeDeliveryStream(FirehoseEngine engine, ServiceModel model) {
        this.engine = engine;
        this.model = model;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        FirehoseEngine.StreamView s = engine.describe(input.string("DeliveryStreamName"), ctx.accountId(),
                ctx.region());
        ObjectNode d = Wire.object();
        d.put("DeliveryStreamName", s.name()).put("DeliveryStreamARN", s.arn()).put("DeliveryStreamStatus", s.status())
                .put("DeliveryStreamType", s.type()).put("VersionId", String.valueOf(s.version()))
                .put("CreateTimestamp", s.createdMillis());
        if (s.lastUpdateMillis() >= 0) {
            d.put("LastUpdateTimestamp", s.lastUpdateMillis());
        }
        ObjectNode encryption = d.putObject("DeliveryStreamEncryptionConfiguration");
        if (s.encryptionKeyType() != null) {
            encryption.put("KeyType", s.encryptionKeyType());
            if (s.encryptionKeyArn() != null) {
                encryption.put("KeyARN", s.encryptionKeyArn());
            }
        }
        encryption.put("Status", s.encryptionStatus());
        if (s.sourceMember() != null) {
            String description = s.sourceMember().replace("Configuration", "Description");
            d.putObject("Source").set(description, Wire.project(model, s.source(), s.sourceMember(), description));
        }
        ArrayNode destinations = d.putArray("Destinations");
        String exclusiveStart = input.string("ExclusiveStartDestinationId");
        if (exclusiveStart == null || exclusiveStart.compareTo(FirehoseEngine.DESTINATION_ID) < 0) {
            ObjectNode destination = destinations.addObject().put("DestinationId", FirehoseEngine.DESTINATION_ID);
            String description = s.destinationMember().replace("Configuration", "Description");
            destination.set(description, Wire.project(model, s.destination(), s.destinationMember(), description));
            if (s.destinationMember().equals("ExtendedS3DestinationConfiguration")) {
                destination.set("S3DestinationDescription", Wire.project(model, s.destination(),
                        s.destinationMember(), "S3DestinationDescription"));
            }
        }
        d.put("HasMoreDestinations", false);
        return Wire.object().set("DeliveryStreamDescription", d);
    }
}
