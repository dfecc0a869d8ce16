package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ReEncrypt: Decrypt with the source key and context, Encrypt under the destination's. */
public final class ReEncrypt implements Operation {
    private final KmsEngine engine;

    public ReEncrypt(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Wire.requireSymmetricAlgorithm(input.string("SourceEncryptionAlgorithm"));
        Wire.requireSymmetricAlgorithm(input.string("DestinationEncryptionAlgorithm"));
        KmsEngine.Opened opened = engine.decrypt(ctx.accountId(), ctx.region(), input.bytes("CiphertextBlob"),
                input.stringMap("SourceEncryptionContext"), input.string("SourceKeyId"));
        KmsEngine.Sealed sealed = engine.encrypt(ctx.accountId(), ctx.region(), input.string("DestinationKeyId"),
                opened.plaintext(), input.stringMap("DestinationEncryptionContext"));
        Wire.dryRun(input);
        return Wire.object().put("CiphertextBlob", sealed.ciphertextBlob()).put("SourceKeyId", opened.keyArn())
                .put("KeyId", sealed.keyArn()).put("SourceEncryptionAlgorithm", Wire.SYMMETRIC_DEFAULT)
                .put("DestinationEncryptionAlgorithm", Wire.SYMMETRIC_DEFAULT);
    }
}
