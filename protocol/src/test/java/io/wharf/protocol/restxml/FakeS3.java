package io.wharf.protocol.restxml;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.AwsService;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.TestModels;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.protocol.wire.RequestBody;
import io.wharf.protocol.wire.ResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A REST-XML service on the real S3 model for the protocol's tests: each operation remembers the input it was given
 * (by operation name) and answers a fixed output; PutObject and UploadPart read their body to the end first, so that a
 * chunk failure surfaces as it would for the real store.
 */
final class FakeS3 implements AwsService {
    static final long LAST_MODIFIED = 1_796_281_200_000L; // 2026-12-03T07:00:00Z
    static final byte[] OBJECT = "hello, object".getBytes(StandardCharsets.UTF_8);

    final Map<String, Input> inputs = new ConcurrentHashMap<>();
    final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    final Map<String, Map<String, String>> trailers = new ConcurrentHashMap<>();

    @Override
    public ServiceModel model() {
        return TestModels.S3;
    }

    @Override
    public Map<String, Operation> operations() {
        return Map.ofEntries(
                Map.entry("ListBuckets", (context, input) -> {
                    remember("ListBuckets", input);
                    ObjectNode out = node();
                    out.putArray("Buckets").addObject().put("Name", "one").put("CreationDate", LAST_MODIFIED);
                    out.putObject("Owner").put("ID", "owner-id").put("DisplayName", "me");
                    return out;
                }),
                Map.entry("ListObjects", (context, input) -> {
                    remember("ListObjects", input);
                    return node().put("Name", input.string("Bucket")).put("IsTruncated", false);
                }),
                Map.entry("ListObjectsV2", (context, input) -> {
                    remember("ListObjectsV2", input);
                    ObjectNode out = node().put("Name", input.string("Bucket")).put("IsTruncated", false)
                            .put("KeyCount", 2);
                    out.putArray("Contents").add(node().put("Key", "a/1").put("Size", 3L)
                            .put("LastModified", LAST_MODIFIED).put("ETag", "\"e1\""))
                            .add(node().put("Key", "a/2 & <b>").put("Size", 4L).put("LastModified", LAST_MODIFIED)
                                    .put("ETag", "\"e2\""));
                    out.putArray("CommonPrefixes").add(node().put("Prefix", "a/"));
                    return out;
                }),
                Map.entry("GetBucketLocation", (context, input) -> node().put("LocationConstraint", "eu-west-1")),
                Map.entry("PutObject", (context, input) -> {
                    remember("PutObject", input);
                    readBody("PutObject", input.payload("Body"));
                    return node().put("ETag", "\"etag\"").put("ServerSideEncryption", "AES256");
                }),
                Map.entry("UploadPart", (context, input) -> {
                    remember("UploadPart", input);
                    readBody("UploadPart", input.payload("Body"));
                    return node().put("ETag", "\"part\"");
                }),
                Map.entry("CopyObject", (context, input) -> {
                    remember("CopyObject", input);
                    ObjectNode out = node();
                    out.putObject("CopyObjectResult").put("ETag", "\"copy\"").put("LastModified", LAST_MODIFIED);
                    return out;
                }),
                Map.entry("CreateMultipartUpload", (context, input) -> {
                    remember("CreateMultipartUpload", input);
                    return node().put("Bucket", input.string("Bucket")).put("Key", input.string("Key"))
                            .put("UploadId", "upload-1");
                }),
                Map.entry("GetObject", (context, input) -> {
                    remember("GetObject", input);
                    if ("\"etag\"".equals(input.string("IfNoneMatch"))) {
                        throw new AwsException("NotModified", 304, true, "Not Modified")
                                .withHeader("ETag", "\"etag\"");
                    }
                    boolean ranged = input.has("Range");
                    ObjectNode out = node().put("ContentType", "text/plain").put("ContentLength", (long) OBJECT.length)
                            .put("LastModified", LAST_MODIFIED).put("ETag", "\"etag\"");
                    if (ranged) {
                        out.put("StatusCode", 206).put("ContentRange", "bytes 0-" + (OBJECT.length - 1) + "/"
                                + OBJECT.length);
                    }
                    out.putObject("Metadata").put("color", "blue");
                    out.putPOJO("Body", new ResponseBody(OBJECT.length, sink -> {
                        sink.write(java.util.Arrays.copyOfRange(OBJECT, 0, 5));
                        sink.write(java.util.Arrays.copyOfRange(OBJECT, 5, OBJECT.length));
                    }));
                    return out;
                }),
                Map.entry("HeadObject", (context, input) -> {
                    remember("HeadObject", input);
                    if (input.string("Key").equals("missing")) {
                        throw new AwsException("NoSuchKey", 404, true, "The specified key does not exist.")
                                .with("Key", "missing");
                    }
                    return node().put("ContentLength", (long) OBJECT.length).put("ETag", "\"etag\"")
                            .put("LastModified", LAST_MODIFIED);
                }),
                Map.entry("DeleteObject", (context, input) -> {
                    throw new AwsException("NoSuchKey", 404, true, "The specified key does not exist.")
                            .with("Key", input.string("Key"));
                }),
                Map.entry("DeleteObjects", (context, input) -> {
                    remember("DeleteObjects", input);
                    ObjectNode out = node();
                    var deleted = out.putArray("Deleted");
                    for (Input object : input.struct("Delete").structs("Objects")) {
                        deleted.addObject().put("Key", object.string("Key"));
                    }
                    return out;
                }),
                Map.entry("PutBucketTagging", (context, input) -> {
                    remember("PutBucketTagging", input);
                    return null;
                }),
                Map.entry("GetObjectAttributes", (context, input) -> {
                    remember("GetObjectAttributes", input);
                    return node().put("ETag", "etag").put("ObjectSize", 13L);
                }),
                Map.entry("GetBucketPolicy", (context, input) -> node().put("Policy", "{\"Version\":\"2012-10-17\"}")),
                Map.entry("GetObjectTagging", (context, input) -> {
                    ObjectNode out = node();
                    out.putArray("TagSet").addObject().put("Key", "k").put("Value", "v");
                    return out;
                }),
                Map.entry("CreateBucket", (context, input) -> {
                    remember("CreateBucket", input);
                    return node().put("Location", "/" + input.string("Bucket"));
                }),
                Map.entry("PutBucketNotificationConfiguration", (context, input) -> {
                    remember("PutBucketNotificationConfiguration", input);
                    return null;
                }));
    }

    private void remember(String operation, Input input) {
        inputs.put(operation, input);
    }

    private void readBody(String operation, RequestBody body) {
        try (InputStream in = body.open()) {
            bodies.put(operation, in.readAllBytes());
            trailers.put(operation, body.trailers());
        } catch (RequestBody.BodyException e) {
            throw e.error();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode node() {
        return JsonNodeFactory.instance.objectNode();
    }
}
