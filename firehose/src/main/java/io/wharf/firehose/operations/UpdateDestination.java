package io.wharf.firehose.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.engine.FirehoseEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UpdateDestination: the one Update member, checked against CurrentDeliveryStreamVersionId. */
public final class UpdateDestination implements Operation {
    private final FirehoseEngine engine;

    public UpdateDestination(FirehoseEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        String member = Wire.presentMember(input, FirehoseEngine.UPDATE_MEMBERS);
        if (member == null || member.isEmpty()) {
            throw io.wharf.firehose.FirehoseErrors.INVALID_ARGUMENT.error(
                    "Exactly one destination update is supported for a Firehose");
        }
        engine.updateDestination(input.string("DeliveryStreamName"), ctx.accountId(), ctx.region(),
                input.string("CurrentDeliveryStreamVersionId"), input.string("DestinationId"), member,
                input.struct(member).tree());
        return null;
    }
}
