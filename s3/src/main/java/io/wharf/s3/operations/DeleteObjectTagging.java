package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;

/** DeleteObjectTagging: removes the object's tags; 204. */
public final class DeleteObjectTagging implements Operation {
    private final S3Engine engine;

    public DeleteObjectTagging(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        engine.objects().deleteTagging(in.string("Bucket"), in.string("Key"));
        return null;
    }
}
