package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;
import io.wharf.s3.S3Errors;
import io.wharf.s3.engine.Objects;
import io.wharf.s3.engine.PutRequest;
import io.wharf.s3.engine.Tags;

/** PutObject: the body streamed to a file with its MD5 and checksum, verified, fsynced, then the record committed; conditional writes with If-None-Match: * and If-Match. */
public final class PutObject implements Operation {
    private final S3Engine engine;

    public PutObject(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        if (in.has("WriteOffsetBytes")) {
            throw S3Errors.notImplemented("x-amz-write-offset-bytes");
        }
        if (in.has("SSECustomerAlgorithm") || in.has("SSECustomerKey")) {
            throw S3Errors.notImplemented("x-amz-server-side-encryption-customer-algorithm");
        }
        Objects.PutResult r = engine.objects().put(new PutRequest(in.string("Bucket"), in.string("Key"),
                in.payload("Body"), Wire.headers(in), Wire.metadata(in), Tags.fromHeader(in.string("Tagging")),
                in.string("ContentMD5"), Wire.algorithm(in, "ChecksumAlgorithm", "x-amz-sdk-checksum-algorithm"),
                Wire.sentChecksums(in), in.string("IfMatch"), in.string("IfNoneMatch"), Wire.requester(ctx)));
        ObjectNode out = Wire.output();
        out.put("ETag", r.quotedEtag());
        Wire.checksum(out, r.checksum(), true);
        return out;
    }
}
