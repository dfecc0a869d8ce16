package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;

/** PutBucketPolicy: stored (a JSON document); evaluated where the gateway enforces policies. */
public final class PutBucketPolicy implements Operation {
    private final S3Engine engine;

    public PutBucketPolicy(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        engine.putBucketPolicy(in.string("Bucket"), in.string("Policy"));
        return null;
    }
}
