package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;

/** DeleteObject: 204 whether the key existed or not (unversioned buckets). */
public final class DeleteObject implements Operation {
    private final S3Engine engine;

    public DeleteObject(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        engine.objects().delete(in.string("Bucket"), in.string("Key"), Wire.requester(ctx));
        return null;
    }
}
