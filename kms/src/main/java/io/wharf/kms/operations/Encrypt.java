package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** Encrypt: up to 4 KiB under the key's current material, bound to the encryption context. */
public final class Encrypt implements Operation {
    private final KmsEngine engine;

    public Encrypt(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Wire.requireSymmetricAlgorithm(input.string("EncryptionAlgorithm"));
        KmsEngine.Sealed sealed = engine.encrypt(ctx.accountId(), ctx.region(), input.string("KeyId"),
                input.bytes("Plaintext"), input.stringMap("EncryptionContext"));
        Wire.dryRun(input);
        return Wire.object().put("CiphertextBlob", sealed.ciphertextBlob()).put("KeyId", sealed.keyArn())
                .put("EncryptionAlgorithm", Wire.SYMMETRIC_DEFAULT);
    }
}
