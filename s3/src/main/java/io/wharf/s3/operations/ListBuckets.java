package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.wharf.s3.S3Errors;
import io.wharf.s3.engine.Listings;
import java.util.List;

/** ListBuckets: the caller's buckets in name order, with prefix, region filter and paging by max-buckets. */
public final class ListBuckets implements Operation {
    private final S3Engine engine;

    public ListBuckets(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        Integer max = in.integer("MaxBuckets");
        if (max != null && (max < 1 || max > 10_000)) {
            throw S3Errors.invalidArgument("Argument max-buckets must be an integer between 1 and 10000",
                    "max-buckets", max.toString());
        }
        String token = in.string("ContinuationToken");
        List<S3Engine.BucketInfo> buckets = engine.listBuckets(ctx.accountId(), in.string("Prefix"),
                in.string("BucketRegion"), token == null ? null : Listings.fromToken(token));
        ObjectNode out = Wire.output();
        ArrayNode list = out.putArray("Buckets");
        int limit = max == null ? Integer.MAX_VALUE : max;
        for (int i = 0; i < buckets.size() && i < limit; i++) {
            S3Engine.BucketInfo b = buckets.get(i);
            list.addObject().put("Name", b.name()).put("CreationDate", b.created()).put("BucketRegion", b.region())
                    .put("BucketArn", "arn:aws:s3:::" + b.name());
        }
        Wire.owner(out, "Owner", ctx.accountId());
        if (buckets.size() > limit) {
            out.put("ContinuationToken", Listings.token(buckets.get(limit - 1).name()));
        }
        Wire.putIfSet(out, "Prefix", in.string("Prefix"));
        return out;
    }
}
