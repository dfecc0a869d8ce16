package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.wharf.s3.S3Errors;
import io.wharf.s3.engine.Objects;
import java.util.List;

/** DeleteObjects: each key on its own; Quiet answers only the errors. */
public final class DeleteObjects implements Operation {
    private final S3Engine engine;

    public DeleteObjects(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        Input delete = in.struct("Delete");
        if (delete == null) {
            throw S3Errors.MALFORMED_XML.error();
        }
        List<String> keys = delete.structs("Objects").stream().map(o -> o.string("Key")).toList();
        boolean quiet = Boolean.TRUE.equals(delete.bool("Quiet"));
        List<Objects.DeleteOutcome> outcomes = engine.objects().deleteMany(in.string("Bucket"), keys,
                Wire.requester(ctx));
        ObjectNode out = Wire.output();
        ArrayNode deleted = out.putArray("Deleted");
        ArrayNode errors = out.putArray("Errors");
        for (Objects.DeleteOutcome o : outcomes) {
            if (o.error() == null) {
                if (!quiet) {
                    deleted.addObject().put("Key", o.key());
                }
            } else {
                errors.addObject().put("Key", o.key()).put("Code", o.error().code())
                        .put("Message", o.error().getMessage());
            }
        }
        return out;
    }
}
