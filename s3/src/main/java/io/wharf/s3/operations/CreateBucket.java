package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;

/** CreateBucket: AWS's name rules, the location constraint against the request's region; Location is {@code /bucket}. */
public final class CreateBucket implements Operation {
    private final S3Engine engine;

    public CreateBucket(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        String bucket = in.string("Bucket");
        Input config = in.struct("CreateBucketConfiguration");
        engine.createBucket(ctx.accountId(), ctx.region(), bucket,
                config == null ? null : config.string("LocationConstraint"));
        ObjectNode out = Wire.output();
        out.put("Location", "/" + bucket);
        out.put("BucketArn", "arn:aws:s3:::" + bucket);
        return out;
    }
}
