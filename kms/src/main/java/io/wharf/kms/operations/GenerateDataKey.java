package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** GenerateDataKey: a fresh data key, in clear and encrypted under the KMS key. */
public final class GenerateDataKey implements Operation {
    private final KmsEngine engine;

    public GenerateDataKey(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Wire.refuseRecipient(input);
        int bytes = DataKeySizes.of(input);
        KmsEngine.DataKey key = engine.generateDataKey(ctx.accountId(), ctx.region(), input.string("KeyId"), bytes,
                input.stringMap("EncryptionContext"));
        Wire.dryRun(input);
        return Wire.object().put("CiphertextBlob", key.ciphertextBlob()).put("Plaintext", key.plaintext())
                .put("KeyId", key.keyArn());
    }
}
