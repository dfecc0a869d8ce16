package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;

/** GetBucketPolicy: the policy as stored, or NoSuchBucketPolicy. */
public final class GetBucketPolicy implements Operation {
    private final S3Engine engine;

    public GetBucketPolicy(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        ObjectNode out = Wire.output();
        out.put("Policy", engine.bucketPolicy(in.string("Bucket")));
        return out;
    }
}
