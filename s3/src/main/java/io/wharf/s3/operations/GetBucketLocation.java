package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;

/** GetBucketLocation: the region, empty for us-east-1 (as S3 answers). */
public final class GetBucketLocation implements Operation {
    private final S3Engine engine;

    public GetBucketLocation(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        String region = engine.bucketRegion(in.string("Bucket"));
        ObjectNode out = Wire.output();
        if (!S3Engine.US_EAST_1.equals(region)) {
            out.put("LocationConstraint", region);
        }
        return out;
    }
}
