package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;
import io.wharf.protocol.wire.ResponseBody;
import io.wharf.s3.engine.ObjectRead;

/** GetObject: conditions, one byte range (206, or InvalidRange), the checksum with ChecksumMode ENABLED, the file streamed into the answer. */
public final class GetObject implements Operation {
    private final S3Engine engine;

    public GetObject(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        ObjectRead read = engine.objects().read(in.string("Bucket"), in.string("Key"), Wire.preconditions(in),
                in.string("Range"), in.integer("PartNumber"), true);
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
        out.putPOJO("Body", new ResponseBody(read.length(), read::writeTo));
        return out;
    }
}
