package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;
import io.wharf.s3.S3Errors;
import io.wharf.s3.engine.ChecksumAlgorithm;
import io.wharf.s3.engine.ContentHeaders;
import io.wharf.s3.engine.ObjectChecksum;
import io.wharf.s3.engine.Objects;
import io.wharf.s3.engine.Preconditions;
import io.wharf.s3.engine.Requester;
import io.wharf.s3.engine.StoredObject;
import io.wharf.s3.engine.Tags;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What several S3 operations read from their input or write to their output. */
final class Wire {
    /** The checksums of the model Wharf does not compute: a request naming one is refused as not implemented. */
    private static final List<String> UNSUPPORTED_CHECKSUMS = List.of("SHA512", "MD5", "XXHASH64", "XXHASH3",
            "XXHASH128");

    private Wire() {
    }

    static ObjectNode output() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ContentHeaders headers(Input in) {
        return new ContentHeaders(in.string("ContentType"), in.string("ContentEncoding"),
                in.string("ContentDisposition"), in.string("ContentLanguage"), in.string("CacheControl"),
                in.string("Expires"));
    }

    /** The {@code x-amz-checksum-*} values sent (members ChecksumCRC32…). */
    static Map<ChecksumAlgorithm, String> sentChecksums(Input in) {
        Map<ChecksumAlgorithm, String> sent = new EnumMap<>(ChecksumAlgorithm.class);
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            String value = in.string("Checksum" + a.name());
            if (value != null) {
                sent.put(a, value.trim());
            }
        }
        for (String name : UNSUPPORTED_CHECKSUMS) {
            if (in.has("Checksum" + name)) {
                throw S3Errors.notImplemented("x-amz-checksum-" + name.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return sent;
    }

    /** A ChecksumAlgorithm member; one Wharf does not compute is NotImplemented. */
    static ChecksumAlgorithm algorithm(Input in, String member, String header) {
        String value = in.string(member);
        if (value == null) {
            return null;
        }
        ChecksumAlgorithm a = ChecksumAlgorithm.parse(value);
        if (a == null) {
            throw UNSUPPORTED_CHECKSUMS.contains(value.toUpperCase(java.util.Locale.ROOT))
                    ? S3Errors.notImplemented(header)
                    : S3Errors.invalidArgument("Value for " + header + " header is invalid.", header, value);
        }
        return a;
    }

    static Preconditions preconditions(Input in) {
        return new Preconditions(in.string("IfMatch"), in.string("IfNoneMatch"), in.longValue("IfModifiedSince"),
                in.longValue("IfUnmodifiedSince"));
    }

    static Preconditions copySourcePreconditions(Input in) {
        return new Preconditions(in.string("CopySourceIfMatch"), in.string("CopySourceIfNoneMatch"),
                in.longValue("CopySourceIfModifiedSince"), in.longValue("CopySourceIfUnmodifiedSince"));
    }

    /** Who the caller is, as event notifications say it. */
    static Requester requester(RequestContext ctx) {
        var p = ctx.principal();
        String id = p.isRoot() ? p.accountId() : "AWS:" + p.userId();
        return new Requester(id, ctx.sourceIp(), ctx.requestId());
    }

    static Map<String, String> metadata(Input in) {
        return Objects.normalizeMetadata(in.stringMap("Metadata"));
    }

    static List<Tags.Tag> tagSet(Input tagging) {
        List<Tags.Tag> tags = new ArrayList<>();
        if (tagging == null) {
            throw S3Errors.MALFORMED_XML.error();
        }
        for (Input t : tagging.structs("TagSet")) {
            tags.add(new Tags.Tag(t.string("Key"), t.string("Value")));
        }
        return tags;
    }

    static void tagSet(ObjectNode out, Map<String, String> tags) {
        ArrayNode set = out.putArray("TagSet");
        tags.forEach((k, v) -> set.addObject().put("Key", k).put("Value", v));
    }

    /** {@code ChecksumCRC32: value} (and ChecksumType) for the object's checksum, when there is one. */
    static void checksum(ObjectNode out, ObjectChecksum c, boolean withType) {
        if (c != null) {
            out.put("Checksum" + c.algorithm().name(), c.value());
            if (withType) {
                out.put("ChecksumType", c.type().name());
            }
        }
    }

    /** The headers GET and HEAD answer with. */
    static void objectHeaders(ObjectNode out, StoredObject o, Input in) {
        out.put("LastModified", o.lastModified());
        out.put("ETag", o.quotedEtag());
        out.put("AcceptRanges", "bytes");
        ContentHeaders h = o.headers();
        putIfSet(out, "ContentType", override(in, "ResponseContentType", h.contentType()));
        putIfSet(out, "ContentEncoding", override(in, "ResponseContentEncoding", h.contentEncoding()));
        putIfSet(out, "ContentDisposition", override(in, "ResponseContentDisposition", h.contentDisposition()));
        putIfSet(out, "ContentLanguage", override(in, "ResponseContentLanguage", h.contentLanguage()));
        putIfSet(out, "CacheControl", override(in, "ResponseCacheControl", h.cacheControl()));
        putIfSet(out, "Expires", h.expires());
        if (!o.metadata().isEmpty()) {
            ObjectNode meta = out.putObject("Metadata");
            o.metadata().forEach(meta::put);
        }
        if (!o.tags().isEmpty()) {
            out.put("TagCount", o.tags().size());
        }
        if ("ENABLED".equals(in.string("ChecksumMode")) && !in.has("Range") && !in.has("PartNumber")) {
            checksum(out, o.checksum(), true);
        }
    }

    private static String override(Input in, String member, String stored) {
        String value = in.string(member);
        return value != null ? value : stored;
    }

    static void putIfSet(ObjectNode out, String name, String value) {
        if (value != null) {
            out.put(name, value);
        }
    }

    static void owner(ObjectNode parent, String name, String account) {
        parent.putObject(name).put("ID", account).put("DisplayName", "webfile");
    }

    /** EncodingType url: what S3 URL-encodes in listings (spaces as {@code +}, slashes kept). */
    static String encode(String value, boolean url) {
        if (value == null || !url) {
            return value;
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    /** Checks EncodingType: only {@code url}. */
    static boolean urlEncoding(Input in) {
        String type = in.string("EncodingType");
        if (type == null) {
            return false;
        }
        if (!type.equals("url")) {
            throw S3Errors.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", type);
        }
        return true;
    }
}
