package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.wharf.s3.engine.Multipart;
import io.wharf.s3.engine.Part;

/** ListParts: an upload's parts in number order, paged by part-number-marker and max-parts. */
public final class ListParts implements Operation {
    private final S3Engine engine;

    public ListParts(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        Integer marker = in.integer("PartNumberMarker");
        Integer max = in.integer("MaxParts");
        Multipart.PartsPage page = engine.multipart().listParts(in.string("Bucket"), in.string("Key"),
                in.string("UploadId"), max, marker);
        ObjectNode out = Wire.output();
        out.put("Bucket", in.string("Bucket"));
        out.put("Key", in.string("Key"));
        out.put("UploadId", in.string("UploadId"));
        out.put("PartNumberMarker", marker == null ? 0 : marker);
        out.put("NextPartNumberMarker", page.nextMarker());
        out.put("MaxParts", max == null ? 1000 : max);
        out.put("IsTruncated", page.truncated());
        ArrayNode parts = out.putArray("Parts");
        for (Part p : page.parts()) {
            ObjectNode n = parts.addObject().put("PartNumber", p.number()).put("LastModified", p.lastModified())
                    .put("ETag", p.quotedEtag()).put("Size", p.size());
            if (p.checksum() != null) {
                n.put("Checksum" + page.upload().checksumAlgorithm().name(), p.checksum());
            }
        }
        Wire.owner(out, "Initiator", page.upload().owner());
        Wire.owner(out, "Owner", page.upload().owner());
        out.put("StorageClass", "STANDARD");
        if (page.upload().checksumAlgorithm() != null) {
            out.put("ChecksumAlgorithm", page.upload().checksumAlgorithm().name());
            out.put("ChecksumType", page.upload().checksumType().name());
        }
        return out;
    }
}
