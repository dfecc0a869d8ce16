package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;

/** DeleteBucketTagging: 204, tags or not. */
public final class DeleteBucketTagging implements Operation {
    private final S3Engine engine;

    public DeleteBucketTagging(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        engine.deleteBucketTagging(in.string("Bucket"));
        return null;
    }
}
