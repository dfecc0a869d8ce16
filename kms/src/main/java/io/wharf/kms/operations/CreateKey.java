package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.KmsErrors;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.kms.engine.KmsKey;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** CreateKey: a symmetric encryption key (KeySpec/KeyUsage/Origin checked by the engine). */
public final class CreateKey implements Operation {
    private final KmsEngine engine;

    public CreateKey(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        if (input.has("KeySpec") && input.has("CustomerMasterKeySpec")) {
            throw KmsErrors.VALIDATION.error("You cannot specify KeySpec and CustomerMasterKeySpec in the same "
                    + "request. CustomerMasterKeySpec parameter is deprecated. Use KeySpec parameter instead.");
        }
        if (input.has("CustomKeyStoreId") || input.has("XksKeyId")) {
            throw KmsErrors.UNSUPPORTED_OPERATION.error("Wharf does not implement custom key stores.");
        }
        String keySpec = input.has("KeySpec") ? input.string("KeySpec") : input.string("CustomerMasterKeySpec");
        KmsKey key = engine.createKey(ctx.accountId(), ctx.region(), new KmsEngine.NewKey(input.string("Description"),
                keySpec, input.string("KeyUsage"), input.string("Origin"), input.string("Policy"),
                Wire.tags(input, "Tags"), input.bool("MultiRegion")));
        ObjectNode out = Wire.object();
        out.set("KeyMetadata", Wire.keyMetadata(key));
        return out;
    }
}
