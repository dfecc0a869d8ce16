package io.wharf.firehose.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.engine.FirehoseEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** CreateDeliveryStream: one source and one destination configuration, stored as given with AWS's defaults. */
public final class CreateDeliveryStream implements Operation {
    private final FirehoseEngine engine;

    public CreateDeliveryStream(FirehoseEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        String source = Wire.presentMember(input, FirehoseEngine.SOURCE_MEMBERS);
        String destination = Wire.presentMember(input, FirehoseEngine.DESTINATION_MEMBERS);
        if ("".equals(source)) {
            throw io.wharf.firehose.FirehoseErrors.INVALID_ARGUMENT.error(
                    "Only one source configuration is supported for a Firehose");
        }
        if ("".equals(destination)) {
            destination = null; // more than one: refused by the engine as AWS words it
        }
        Input encryption = input.struct("DeliveryStreamEncryptionConfigurationInput");
        String arn = engine.create(new FirehoseEngine.CreateCommand(input.string("DeliveryStreamName"),
                ctx.accountId(), ctx.region(), input.string("DeliveryStreamType"), source,
                source == null ? null : input.struct(source).tree().deepCopy(), destination,
                destination == null ? null : input.struct(destination).tree().deepCopy(),
                encryption == null ? null : encryption.string("KeyType"),
                encryption == null ? null : encryption.string("KeyARN"), Wire.tags(input, "Tags")));
        return Wire.object().put("DeliveryStreamARN", arn);
    }
}
