package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;

/** PutBucketTagging: replaces the bucket's tags (at most 50). */
public final class PutBucketTagging implements Operation {
    private final S3Engine engine;

    public PutBucketTagging(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        engine.putBucketTagging(in.string("Bucket"), Wire.tagSet(in.struct("Tagging")));
        return null;
    }
}
