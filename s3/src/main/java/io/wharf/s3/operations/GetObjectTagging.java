package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;

/** GetObjectTagging: the object's tags. */
public final class GetObjectTagging implements Operation {
    private final S3Engine engine;

    public GetObjectTagging(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        ObjectNode out = Wire.output();
        Wire.tagSet(out, engine.objects().tagging(in.string("Bucket"), in.string("Key")));
        return out;
    }
}
