package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;
import io.wharf.s3.S3Errors;
import io.wharf.s3.engine.Multipart;
import io.wharf.s3.engine.Objects;
import io.wharf.s3.engine.ChecksumAlgorithm;
import java.util.ArrayList;
import java.util.List;

/** CompleteMultipartUpload: the listed parts concatenated into the object; conditional writes as PutObject. */
public final class CompleteMultipartUpload implements Operation {
    private final S3Engine engine;

    public CompleteMultipartUpload(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        Input upload = in.struct("MultipartUpload");
        if (upload == null) {
            throw S3Errors.MALFORMED_XML.error();
        }
        List<Multipart.CompletedPart> parts = new ArrayList<>();
        for (Input p : upload.structs("Parts")) {
            String checksum = null;
            for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
                if (p.has("Checksum" + a.name())) {
                    checksum = p.string("Checksum" + a.name());
                }
            }
            parts.add(new Multipart.CompletedPart(p.integer("PartNumber"), p.string("ETag"), checksum));
        }
        String bucket = in.string("Bucket");
        String key = in.string("Key");
        Objects.PutResult r = engine.multipart().complete(bucket, key, in.string("UploadId"), parts,
                in.string("IfMatch"), in.string("IfNoneMatch"), Wire.requester(ctx));
        ObjectNode out = Wire.output();
        out.put("Location", ctx.scheme() + "://" + ctx.host() + "/" + bucket + "/" + key);
        out.put("Bucket", bucket);
        out.put("Key", key);
        out.put("ETag", r.quotedEtag());
        Wire.checksum(out, r.checksum(), true);
        return out;
    }
}
