package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** Decrypt: the blob names its key, so KeyId is optional; when given it must be that key. */
public final class Decrypt implements Operation {
    private final KmsEngine engine;

    public Decrypt(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Wire.requireSymmetricAlgorithm(input.string("EncryptionAlgorithm"));
        Wire.refuseRecipient(input);
        KmsEngine.Opened opened = engine.decrypt(ctx.accountId(), ctx.region(), input.bytes("CiphertextBlob"),
                input.stringMap("EncryptionContext"), input.string("KeyId"));
        Wire.dryRun(input);
        return Wire.object().put("KeyId", opened.keyArn()).put("Plaintext", opened.plaintext())
                .put("EncryptionAlgorithm", Wire.SYMMETRIC_DEFAULT);
    }
}
