package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;
import io.wharf.s3.engine.Objects;
import io.wharf.s3.engine.Part;

/** UploadPartCopy: a part copied from an object, or from the x-amz-copy-source-range of one. */
public final class UploadPartCopy implements Operation {
    private final S3Engine engine;

    public UploadPartCopy(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        Part p = engine.multipart().uploadPartCopy(in.string("Bucket"), in.string("Key"), in.string("UploadId"),
                in.integer("PartNumber"), Objects.CopySource.parse(in.string("CopySource")),
                in.string("CopySourceRange"), Wire.copySourcePreconditions(in));
        ObjectNode out = Wire.output();
        ObjectNode result = out.putObject("CopyPartResult");
        result.put("ETag", p.quotedEtag());
        result.put("LastModified", p.lastModified());
        UploadPart.part(result, engine, in, p);
        return out;
    }
}
