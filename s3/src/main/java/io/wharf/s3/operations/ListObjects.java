package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.engine.S3Engine;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.wharf.s3.engine.Listings;
import io.wharf.s3.engine.StoredObject;

/** ListObjects (V1): prefix, delimiter, marker, max-keys, EncodingType url; NextMarker when a delimiter was given. */
public final class ListObjects implements Operation {
    private final S3Engine engine;

    public ListObjects(S3Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        boolean url = Wire.urlEncoding(in);
        String marker = in.string("Marker");
        int maxKeys = in.integer("MaxKeys") == null ? Listings.MAX_KEYS : in.integer("MaxKeys");
        Listings.Page page = engine.listings().list(in.string("Bucket"), in.string("Prefix"), in.string("Delimiter"),
                marker == null || marker.isEmpty() ? null : marker, maxKeys);
        String owner = engine.bucketOwner(in.string("Bucket"));
        ObjectNode out = Wire.output();
        out.put("IsTruncated", page.truncated());
        out.put("Marker", Wire.encode(marker == null ? "" : marker, url));
        if (page.truncated() && in.string("Delimiter") != null && page.last() != null) {
            out.put("NextMarker", Wire.encode(page.last(), url));
        }
        ArrayNode contents = out.putArray("Contents");
        for (StoredObject o : page.contents()) {
            Wire.owner(entry(contents, o, url), "Owner", owner);
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
        return out;
    }

    /** One {@code <Contents>} entry of a listing. */
    static ObjectNode entry(ArrayNode contents, StoredObject o, boolean url) {
        ObjectNode c = contents.addObject();
        c.put("Key", Wire.encode(o.key(), url));
        c.put("LastModified", o.lastModified());
        c.put("ETag", o.quotedEtag());
        if (o.checksum() != null) {
            c.putArray("ChecksumAlgorithm").add(o.checksum().algorithm().name());
            c.put("ChecksumType", o.checksum().type().name());
        }
        c.put("Size", o.size());
        c.put("StorageClass", "STANDARD");
        return c;
    }
}
