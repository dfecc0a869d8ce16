package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;

/** GetBucketVersioning: Wharf's buckets are unversioned, so no Status (as a bucket never versioned answers). */
public final class GetBucketVersioning implements Operation {
    private final S3Engine engine;

    public GetBucketVersioning(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        engine.bucketRegion(in.string("Bucket"));
        return Wire.output();
    }
}
