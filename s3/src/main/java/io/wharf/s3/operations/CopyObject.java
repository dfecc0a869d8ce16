package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;
import io.wharf.s3.S3Errors;
import io.wharf.s3.engine.Objects;
import io.wharf.s3.engine.Tags;

/** CopyObject: x-amz-copy-source (URL-encoded), MetadataDirective and TaggingDirective COPY/REPLACE, copy-source conditions, conditional writes on the target. */
public final class CopyObject implements Operation {
    private final S3Engine engine;

    public CopyObject(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        if (in.has("SSECustomerAlgorithm") || in.has("CopySourceSSECustomerAlgorithm")) {
            throw S3Errors.notImplemented("x-amz-server-side-encryption-customer-algorithm");
        }
        boolean replaceMetadata = directive(in, "MetadataDirective", "x-amz-metadata-directive");
        boolean replaceTags = directive(in, "TaggingDirective", "x-amz-tagging-directive");
        boolean otherChanges = in.has("StorageClass") || in.has("WebsiteRedirectLocation")
                || in.has("ServerSideEncryption") || in.has("SSEKMSKeyId");
        Objects.PutResult r = engine.objects().copy(new Objects.CopyRequest(in.string("Bucket"), in.string("Key"),
                Objects.CopySource.parse(in.string("CopySource")), Wire.copySourcePreconditions(in), replaceMetadata,
                Wire.headers(in), Wire.metadata(in), replaceTags, Tags.fromHeader(in.string("Tagging")),
                Wire.algorithm(in, "ChecksumAlgorithm", "x-amz-checksum-algorithm"), in.string("IfMatch"),
                in.string("IfNoneMatch"), otherChanges, Wire.requester(ctx)));
        ObjectNode out = Wire.output();
        ObjectNode result = out.putObject("CopyObjectResult");
        result.put("ETag", r.quotedEtag());
        result.put("LastModified", r.lastModified());
        Wire.checksum(result, r.checksum(), true);
        return out;
    }

    private static boolean directive(Input in, String member, String header) {
        String value = in.string(member);
        if (value == null || value.equals("COPY")) {
            return false;
        }
        if (value.equals("REPLACE")) {
            return true;
        }
        throw S3Errors.invalidArgument("Unknown " + member.replace("Directive", "") + " directive.", header, value);
    }
}
