package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.wharf.s3.engine.Listings;
import io.wharf.s3.engine.StoredObject;

/** ListObjectsV2: prefix, delimiter, continuation token, start-after, max-keys, EncodingType url, KeyCount. */
public final class ListObjectsV2 implements Operation {
    private final S3Engine engine;

    public ListObjectsV2(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        boolean url = Wire.urlEncoding(in);
        String token = in.string("ContinuationToken");
        String startAfter = in.string("StartAfter");
        String after = token != null ? Listings.fromToken(token) : startAfter;
        int maxKeys = in.integer("MaxKeys") == null ? Listings.MAX_KEYS : in.integer("MaxKeys");
        Listings.Page page = engine.listings().list(in.string("Bucket"), in.string("Prefix"), in.string("Delimiter"),
                after, maxKeys);
        ObjectNode out = Wire.output();
        out.put("IsTruncated", page.truncated());
        ArrayNode contents = out.putArray("Contents");
        boolean owner = Boolean.TRUE.equals(in.bool("FetchOwner"));
        for (StoredObject o : page.contents()) {
            ObjectNode c = ListObjects.entry(contents, o, url);
            if (owner) {
                Wire.owner(c, "Owner", engine.bucketOwner(in.string("Bucket")));
            }
        }
        out.put("Name", in.string("Bucket"));
        out.put("Prefix", Wire.encode(in.string("Prefix") == null ? "" : in.string("Prefix"), url));
        Wire.putIfSet(out, "Delimiter", Wire.encode(in.string("Delimiter"), url));
        out.put("MaxKeys", maxKeys);
        ArrayNode prefixes = out.putArray("CommonPrefixes");
        page.commonPrefixes().forEach(p -> prefixes.addObject().put("Prefix", Wire.encode(p, url)));
        if (url) {
            out.put("EncodingType", "url");
        }
        out.put("KeyCount", page.keyCount());
        Wire.putIfSet(out, "ContinuationToken", token);
        if (page.truncated() && page.last() != null) {
            out.put("NextContinuationToken", Listings.token(page.last()));
        }
        Wire.putIfSet(out, "StartAfter", Wire.encode(startAfter, url));
        return out;
    }
}
