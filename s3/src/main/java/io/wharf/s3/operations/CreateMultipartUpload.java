package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;
import io.wharf.s3.S3Errors;
import io.wharf.s3.engine.ObjectChecksum;
import io.wharf.s3.engine.Tags;
import io.wharf.s3.engine.Upload;

/** CreateMultipartUpload: the object's headers, metadata and tags for later, its checksum algorithm and type. */
public final class CreateMultipartUpload implements Operation {
    private final S3Engine engine;

    public CreateMultipartUpload(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        ObjectChecksum.Type type = null;
        String typeName = in.string("ChecksumType");
        if (typeName != null) {
            try {
                type = ObjectChecksum.Type.valueOf(typeName);
            } catch (IllegalArgumentException e) {
                throw S3Errors.invalidArgument("Value for x-amz-checksum-type header is invalid.", "x-amz-checksum-type",
                        typeName);
            }
        }
        Upload u = engine.multipart().create(in.string("Bucket"), in.string("Key"), Wire.headers(in),
                Wire.metadata(in), Tags.fromHeader(in.string("Tagging")),
                Wire.algorithm(in, "ChecksumAlgorithm", "x-amz-checksum-algorithm"), type, ctx.accountId());
        ObjectNode out = Wire.output();
        out.put("Bucket", u.bucket());
        out.put("Key", u.key());
        out.put("UploadId", u.uploadId());
        if (u.checksumAlgorithm() != null) {
            out.put("ChecksumAlgorithm", u.checksumAlgorithm().name());
            out.put("ChecksumType", u.checksumType().name());
        }
        return out;
    }
}
