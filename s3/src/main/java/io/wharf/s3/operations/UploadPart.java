package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;
import io.wharf.s3.engine.Part;
import io.wharf.s3.engine.ChecksumAlgorithm;

/** UploadPart: one part (1 to 10,000) as a file with its MD5 and the upload's checksum. */
public final class UploadPart implements Operation {
    private final S3Engine engine;

    public UploadPart(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        ChecksumAlgorithm requested = Wire.algorithm(in, "ChecksumAlgorithm", "x-amz-sdk-checksum-algorithm");
        Part p = engine.multipart().uploadPart(in.string("Bucket"), in.string("Key"), in.string("UploadId"),
                in.integer("PartNumber"), in.payload("Body"), in.string("ContentMD5"), requested,
                Wire.sentChecksums(in));
        ObjectNode out = Wire.output();
        out.put("ETag", p.quotedEtag());
        part(out, engine, in, p);
        return out;
    }

    /** The part's checksum under the upload's algorithm, when it has one. */
    static void part(ObjectNode out, S3Engine engine, Input in, Part p) {
        ChecksumAlgorithm algorithm = engine.multipart().checksumAlgorithm(in.string("UploadId"));
        if (p.checksum() != null && algorithm != null) {
            out.put("Checksum" + algorithm.name(), p.checksum());
        }
    }
}
