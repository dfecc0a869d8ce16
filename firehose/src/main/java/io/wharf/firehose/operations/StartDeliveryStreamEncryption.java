package io.wharf.firehose.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.engine.FirehoseEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** StartDeliveryStreamEncryption: ENABLING, then ENABLED; a customer key is checked with KMS. */
public final class StartDeliveryStreamEncryption implements Operation {
    private final FirehoseEngine engine;

    public StartDeliveryStreamEncryption(FirehoseEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Input config = input.struct("DeliveryStreamEncryptionConfigurationInput");
        engine.startEncryption(input.string("DeliveryStreamName"), ctx.accountId(), ctx.region(),
                config == null ? null : config.string("KeyType"), config == null ? null : config.string("KeyARN"));
        return null;
    }
}
