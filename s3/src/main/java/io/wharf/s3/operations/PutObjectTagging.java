package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;

/** PutObjectTagging: replaces the object's tags (at most 10). */
public final class PutObjectTagging implements Operation {
    private final S3Engine engine;

    public PutObjectTagging(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        engine.objects().putTagging(in.string("Bucket"), in.string("Key"), Wire.tagSet(in.struct("Tagging")));
        return Wire.output();
    }
}
