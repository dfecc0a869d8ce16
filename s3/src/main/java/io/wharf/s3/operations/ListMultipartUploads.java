package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.wharf.s3.engine.Multipart;
import io.wharf.s3.engine.Upload;

/** ListMultipartUploads: uploads in progress by key and initiation, with prefix, delimiter and markers. */
public final class ListMultipartUploads implements Operation {
    private final S3Engine engine;

    public ListMultipartUploads(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        boolean url = Wire.urlEncoding(in);
        Integer max = in.integer("MaxUploads");
        Multipart.UploadsPage page = engine.multipart().listUploads(in.string("Bucket"), in.string("Prefix"),
                in.string("Delimiter"), in.string("KeyMarker"), in.string("UploadIdMarker"), max);
        ObjectNode out = Wire.output();
        out.put("Bucket", in.string("Bucket"));
        out.put("KeyMarker", Wire.encode(in.string("KeyMarker") == null ? "" : in.string("KeyMarker"), url));
        out.put("UploadIdMarker", in.string("UploadIdMarker") == null ? "" : in.string("UploadIdMarker"));
        Wire.putIfSet(out, "NextKeyMarker", Wire.encode(page.nextKeyMarker(), url));
        Wire.putIfSet(out, "NextUploadIdMarker", page.nextUploadIdMarker());
        Wire.putIfSet(out, "Prefix", Wire.encode(in.string("Prefix"), url));
        Wire.putIfSet(out, "Delimiter", Wire.encode(in.string("Delimiter"), url));
        out.put("MaxUploads", max == null ? 1000 : max);
        out.put("IsTruncated", page.truncated());
        ArrayNode uploads = out.putArray("Uploads");
        for (Upload u : page.uploads()) {
            ObjectNode n = uploads.addObject().put("UploadId", u.uploadId()).put("Key", Wire.encode(u.key(), url))
                    .put("Initiated", u.initiated()).put("StorageClass", "STANDARD");
            Wire.owner(n, "Owner", u.owner());
            Wire.owner(n, "Initiator", u.owner());
            if (u.checksumAlgorithm() != null) {
                n.put("ChecksumAlgorithm", u.checksumAlgorithm().name());
                n.put("ChecksumType", u.checksumType().name());
            }
        }
        ArrayNode prefixes = out.putArray("CommonPrefixes");
        page.commonPrefixes().forEach(p -> prefixes.addObject().put("Prefix", Wire.encode(p, url)));
        if (url) {
            out.put("EncodingType", "url");
        }
        return out;
    }
}
