package io.wharf.s3;

import io.wharf.protocol.AwsService;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.auth.AccessCheck;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.s3.engine.S3Engine;
import io.wharf.s3.operations.*;
import io.wharf.storage.Store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Amazon S3 as an {@link AwsService} (rest-xml): the engine and one operation per implemented action. The model's
 * other actions (ACLs, lifecycle, replication, website, CORS, encryption settings, object lock, versions…) answer the
 * gateway's {@code NotImplemented}; PutBucketVersioning answers it too (buckets are unversioned).
 * <pre>
 * S3Service s3 = S3Service.create(store, clock, dataDir.resolve("s3"), eventTargets);
 * </pre>
 */
public final class S3Service implements AwsService, AutoCloseable {
    private final ServiceModel model = ServiceModel.fromClasspath("models/s3");
    private final S3Engine engine;
    private final Map<String, Operation> operations;

    S3Service(S3Engine engine) {
        this.engine = engine;
        Map<String, Operation> ops = new TreeMap<>();
        Map<String, Function<S3Engine, Operation>> all = Map.ofEntries(
                Map.entry("AbortMultipartUpload", AbortMultipartUpload::new),
                Map.entry("CompleteMultipartUpload", CompleteMultipartUpload::new),
                Map.entry("CopyObject", CopyObject::new),
                Map.entry("CreateBucket", CreateBucket::new),
                Map.entry("CreateMultipartUpload", CreateMultipartUpload::new),
                Map.entry("DeleteBucket", DeleteBucket::new),
                Map.entry("DeleteBucketPolicy", DeleteBucketPolicy::new),
                Map.entry("DeleteBucketTagging", DeleteBucketTagging::new),
                Map.entry("DeleteObject", DeleteObject::new),
                Map.entry("DeleteObjectTagging", DeleteObjectTagging::new),
                Map.entry("DeleteObjects", DeleteObjects::new),
                Map.entry("GetBucketLocation", GetBucketLocation::new),
                Map.entry("GetBucketNotificationConfiguration", GetBucketNotificationConfiguration::new),
                Map.entry("GetBucketPolicy", GetBucketPolicy::new),
                Map.entry("GetBucketTagging", GetBucketTagging::new),
                Map.entry("GetBucketVersioning", GetBucketVersioning::new),
                Map.entry("GetObject", GetObject::new),
                Map.entry("GetObjectTagging", GetObjectTagging::new),
                Map.entry("HeadBucket", HeadBucket::new),
                Map.entry("HeadObject", HeadObject::new),
                Map.entry("ListBuckets", ListBuckets::new),
                Map.entry("ListMultipartUploads", ListMultipartUploads::new),
                Map.entry("ListObjects", ListObjects::new),
                Map.entry("ListObjectsV2", ListObjectsV2::new),
                Map.entry("ListParts", ListParts::new),
                Map.entry("PutBucketNotificationConfiguration", PutBucketNotificationConfiguration::new),
                Map.entry("PutBucketPolicy", PutBucketPolicy::new),
                Map.entry("PutBucketTagging", PutBucketTagging::new),
                Map.entry("PutBucketVersioning", PutBucketVersioning::new),
                Map.entry("PutObject", PutObject::new),
                Map.entry("PutObjectTagging", PutObjectTagging::new),
                Map.entry("UploadPart", UploadPart::new),
                Map.entry("UploadPartCopy", UploadPartCopy::new));
        all.forEach((name, make) -> ops.put(name, make.apply(engine)));
        this.operations = Map.copyOf(ops);
    }

    /**
     * Opens S3 on {@code store}, its objects' files in {@code objectDirectory} (created if missing; orphaned files
     * removed), event notifications delivered through {@code targets}.
     */
    public static S3Service create(Store store, Clock clock, Path objectDirectory, EventTargets targets) {
        return new S3Service(new S3Engine(store, clock, objectDirectory, targets));
    }

    /** The engine, for in-process writers (Firehose). */
    public S3Engine engine() {
        return engine;
    }

    @Override
    public ServiceModel model() {
        return model;
    }

    @Override
    public Map<String, Operation> operations() {
        return operations;
    }

    @Override
    public List<AccessCheck> accessChecks(String operation, Input input, RequestContext context) {
        return S3Access.checks(operation, input, context, engine);
    }

    /** A bucket's policy: the resource policy of every check on the bucket and its objects. */
    @Override
    public String resourcePolicy(String resourceArn) {
        return engine.policyOf(resourceArn);
    }

    /** Stops delivering event notifications; what is undelivered stays in the outbox for the next start. */
    @Override
    public void close() {
        engine.close();
    }
}
