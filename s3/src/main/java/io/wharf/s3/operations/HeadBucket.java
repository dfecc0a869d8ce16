package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;

/** HeadBucket: 200 with the bucket's region, or 404 without a body. */
public final class HeadBucket implements Operation {
    private final S3Engine engine;

    public HeadBucket(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        String bucket = in.string("Bucket");
        ObjectNode out = Wire.output();
        out.put("BucketRegion", engine.bucketRegion(bucket));
        out.put("BucketArn", "arn:aws:s3:::" + bucket);
        return out;
    }
}
