package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;

/** DeleteBucket: an empty bucket only (BucketNotEmpty); 204. */
public final class DeleteBucket implements Operation {
    private final S3Engine engine;

    public DeleteBucket(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        engine.deleteBucket(in.string("Bucket"));
        return null;
    }
}
