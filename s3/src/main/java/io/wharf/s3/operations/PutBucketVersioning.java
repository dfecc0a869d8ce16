package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;
import io.wharf.s3.S3Errors;

/** PutBucketVersioning: versioning is not implemented yet. */
public final class PutBucketVersioning implements Operation {
    private final S3Engine engine;

    public PutBucketVersioning(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        engine.bucketRegion(in.string("Bucket"));
        throw S3Errors.NOT_IMPLEMENTED.error("Wharf does not implement bucket versioning yet.");
    }
}
