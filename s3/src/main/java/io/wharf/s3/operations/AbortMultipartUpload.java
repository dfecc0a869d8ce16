package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;

/** AbortMultipartUpload: the upload and its part files go; 204. */
public final class AbortMultipartUpload implements Operation {
    private final S3Engine engine;

    public AbortMultipartUpload(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        engine.multipart().abort(in.string("Bucket"), in.string("Key"), in.string("UploadId"));
        return null;
    }
}
