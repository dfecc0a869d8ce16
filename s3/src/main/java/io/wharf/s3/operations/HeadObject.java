package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;
import io.wharf.s3.engine.ObjectRead;

/** HeadObject: GetObject's headers without the body. */
public final class HeadObject implements Operation {
    private final S3Engine engine;

    public HeadObject(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        ObjectRead read = engine.objects().read(in.string("Bucket"), in.string("Key"), Wire.preconditions(in),
                in.string("Range"), in.integer("PartNumber"), false);
        ObjectNode out = Wire.output();
        Wire.objectHeaders(out, read.object(), in);
        out.put("ContentLength", read.length());
        if (in.has("PartNumber") && read.object().partsCount() > 0) {
            out.put("PartsCount", read.object().partsCount());
        }
        if (read.range() != null) {
            out.put("ContentRange", read.range().contentRange(read.object().size()));
            out.put("StatusCode", 206);
        }
        return out;
    }
}
