package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;

/** DeleteBucketPolicy: 204, policy or not. */
public final class DeleteBucketPolicy implements Operation {
    private final S3Engine engine;

    public DeleteBucketPolicy(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        engine.deleteBucketPolicy(in.string("Bucket"));
        return null;
    }
}
