package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.KmsErrors;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** GenerateRandom: 1–1024 bytes from the JDK's SecureRandom. */
public final class GenerateRandom implements Operation {
    private final KmsEngine engine;

    public GenerateRandom(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Wire.refuseRecipient(input);
        if (input.has("CustomKeyStoreId")) {
            throw KmsErrors.UNSUPPORTED_OPERATION.error("Wharf does not implement custom key stores.");
        }
        Integer bytes = input.integer("NumberOfBytes");
        if (bytes == null) {
            throw KmsErrors.validation("numberOfBytes", null, "Member must not be null");
        }
        return Wire.object().put("Plaintext", engine.random(bytes));
    }
}
