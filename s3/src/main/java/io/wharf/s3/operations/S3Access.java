package io.wharf.s3.operations;

import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.auth.AccessCheck;
import io.wharf.s3.engine.Objects;
import io.wharf.s3.engine.S3Engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What each S3 action needs permission for, by AWS's authorization reference for S3: bucket actions on
 * {@code arn:aws:s3:::bucket}, object actions on {@code arn:aws:s3:::bucket/key}; a copy needs {@code s3:GetObject} on
 * its source too, DeleteObjects {@code s3:DeleteObject} on each key, ListBuckets {@code s3:ListAllMyBuckets} on
 * {@code *}. The resource account is the bucket owner's (the caller's for a bucket that does not exist yet, and
 * always the caller's for CreateBucket, so that a name taken by another account is AWS's 409 BucketAlreadyExists,
 * not an AccessDenied).
 */
public final class S3Access {
    private S3Access() {
    }

    public static List<AccessCheck> checks(String operation, Input in, RequestContext ctx, S3Engine engine) {
        String bucket = in.string("Bucket");
        String key = in.string("Key");
        return switch (operation) {
            case "ListBuckets" -> List.of(AccessCheck.anyResource("s3:ListAllMyBuckets"));
            // the bucket to create is the caller's: a name another account holds is the engine's BucketAlreadyExists
            case "CreateBucket" -> List.of(AccessCheck.of("s3:CreateBucket", "arn:aws:s3:::" + bucket,
                    ctx.accountId()));
            case "DeleteBucket" -> bucket("s3:DeleteBucket", bucket, ctx, engine);
            case "HeadBucket" -> bucket("s3:ListBucket", bucket, ctx, engine);
            case "ListObjects", "ListObjectsV2" -> List.of(bucketCheck("s3:ListBucket", bucket, ctx, engine)
                    .withContext(in.has("Prefix") ? Map.of("s3:prefix", List.of(in.string("Prefix"))) : Map.of()));
            case "ListMultipartUploads" -> bucket("s3:ListBucketMultipartUploads", bucket, ctx, engine);
            case "GetBucketLocation" -> bucket("s3:GetBucketLocation", bucket, ctx, engine);
            case "GetBucketVersioning" -> bucket("s3:GetBucketVersioning", bucket, ctx, engine);
            case "PutBucketVersioning" -> bucket("s3:PutBucketVersioning", bucket, ctx, engine);
            case "PutBucketTagging", "DeleteBucketTagging" -> bucket("s3:PutBucketTagging", bucket, ctx, engine);
            case "GetBucketTagging" -> bucket("s3:GetBucketTagging", bucket, ctx, engine);
            case "PutBucketPolicy" -> bucket("s3:PutBucketPolicy", bucket, ctx, engine);
            case "GetBucketPolicy" -> bucket("s3:GetBucketPolicy", bucket, ctx, engine);
            case "DeleteBucketPolicy" -> bucket("s3:DeleteBucketPolicy", bucket, ctx, engine);
            case "PutBucketNotificationConfiguration" -> bucket("s3:PutBucketNotification", bucket, ctx, engine);
            case "GetBucketNotificationConfiguration" -> bucket("s3:GetBucketNotification", bucket, ctx, engine);
            case "PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" ->
                    object("s3:PutObject", bucket, key, ctx, engine);
            case "GetObject", "HeadObject" -> object("s3:GetObject", bucket, key, ctx, engine);
            case "DeleteObject" -> object("s3:DeleteObject", bucket, key, ctx, engine);
            case "AbortMultipartUpload" -> object("s3:AbortMultipartUpload", bucket, key, ctx, engine);
            case "ListParts" -> object("s3:ListMultipartUploadParts", bucket, key, ctx, engine);
            case "GetObjectTagging" -> object("s3:GetObjectTagging", bucket, key, ctx, engine);
            case "PutObjectTagging" -> object("s3:PutObjectTagging", bucket, key, ctx, engine);
            case "DeleteObjectTagging" -> object("s3:DeleteObjectTagging", bucket, key, ctx, engine);
            case "CopyObject", "UploadPartCopy" -> {
                List<AccessCheck> checks = new ArrayList<>(object("s3:PutObject", bucket, key, ctx, engine));
                try {
                    Objects.CopySource source = Objects.CopySource.parse(in.string("CopySource"));
                    checks.addAll(object("s3:GetObject", source.bucket(), source.key(), ctx, engine));
                } catch (RuntimeException e) {
                    // a malformed source is refused by the operation
                }
                yield checks;
            }
            case "DeleteObjects" -> {
                List<AccessCheck> checks = new ArrayList<>();
                Input delete = in.struct("Delete");
                if (delete != null) {
                    for (Input o : delete.structs("Objects")) {
                        checks.addAll(object("s3:DeleteObject", bucket, o.string("Key"), ctx, engine));
                    }
                }
                yield checks.isEmpty() ? bucket("s3:DeleteObject", bucket, ctx, engine) : checks;
            }
            default -> bucket("s3:" + operation, bucket, ctx, engine);
        };
    }

    private static String owner(String bucket, RequestContext ctx, S3Engine engine) {
        return engine.bucketExists(bucket) ? engine.bucketOwner(bucket) : ctx.accountId();
    }

    private static AccessCheck bucketCheck(String action, String bucket, RequestContext ctx, S3Engine engine) {
        return AccessCheck.of(action, "arn:aws:s3:::" + bucket, owner(bucket, ctx, engine));
    }

    private static List<AccessCheck> bucket(String action, String bucket, RequestContext ctx, S3Engine engine) {
        return List.of(bucketCheck(action, bucket, ctx, engine));
    }

    private static List<AccessCheck> object(String action, String bucket, String key, RequestContext ctx,
                                            S3Engine engine) {
        return List.of(AccessCheck.of(action, "arn:aws:s3:::" + bucket + "/" + key, owner(bucket, ctx, engine)));
    }
}
