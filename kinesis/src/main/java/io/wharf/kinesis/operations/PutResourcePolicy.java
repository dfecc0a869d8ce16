package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.KinesisErrors;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** PutResourcePolicy: stores the policy (a JSON document) of a stream or consumer; not enforced. */
public final class PutResourcePolicy implements Operation {
    private final KinesisEngine engine;

    public PutResourcePolicy(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        String policy = input.string("Policy");
        try {
            if (!JSON.readTree(policy).isObject()) {
                throw new java.io.IOException("not an object");
            }
        } catch (java.io.IOException e) {
            throw KinesisErrors.INVALID_ARGUMENT.error("Policy is not a valid JSON document.");
        }
        engine.putPolicy(input.string("ResourceARN"), policy);
        return null;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
}
