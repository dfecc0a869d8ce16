package io.wharf.server;

import io.wharf.firehose.DeliveryFailure;
import io.wharf.firehose.ObjectSink;
import io.wharf.s3.engine.S3Engine;

import java.io.InputStream;
import java.util.Map;

/**
 * Firehose's deliveries into Wharf's own S3: the same durable path as PutObject (the object's file fsynced and its
 * metadata committed before {@link #put} returns), raising {@code s3:ObjectCreated:Put} notifications. A missing
 * bucket or any failure is a {@link DeliveryFailure} with the error code Firehose reports for S3 ({@code S3.NoSuchBucket},
 * {@code S3.InternalError}); Firehose keeps the records and retries.
 */
final class S3FirehoseSink implements ObjectSink {
    private static final String ARN_PREFIX = "arn:aws:s3:::";
    private final S3Engine s3;

    S3FirehoseSink(S3Engine s3) {
        this.s3 = s3;
    }

    @Override
    public String put(String bucketArn, String key, InputStream content, long length, String contentEncoding)
            throws DeliveryFailure {
        if (bucketArn == null || !bucketArn.startsWith(ARN_PREFIX) || bucketArn.length() == ARN_PREFIX.length()) {
            throw new DeliveryFailure("S3.InvalidBucketArn", "The bucket ARN " + bucketArn + " is not an S3 bucket ARN.");
        }
        String bucket = bucketArn.substring(ARN_PREFIX.length());
        try {
            return s3.putObject(bucket, key, content, length, null, contentEncoding, Map.of());
        } catch (S3Engine.NoSuchBucketException e) {
            throw new DeliveryFailure("S3.NoSuchBucket", "The specified bucket does not exist", e);
        } catch (RuntimeException e) {
            throw new DeliveryFailure("S3.InternalError", "Writing the object failed: " + e.getMessage(), e);
        }
    }
}
