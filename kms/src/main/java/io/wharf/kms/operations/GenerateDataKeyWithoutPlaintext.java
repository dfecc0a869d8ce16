package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** GenerateDataKeyWithoutPlaintext: the encrypted data key only. */
public final class GenerateDataKeyWithoutPlaintext implements Operation {
    private final KmsEngine engine;

    public GenerateDataKeyWithoutPlaintext(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        int bytes = DataKeySizes.of(input);
        KmsEngine.DataKey key = engine.generateDataKey(ctx.accountId(), ctx.region(), input.string("KeyId"), bytes,
                input.stringMap("EncryptionContext"));
        Wire.dryRun(input);
        return Wire.object().put("CiphertextBlob", key.ciphertextBlob()).put("KeyId", key.keyArn());
    }
}
