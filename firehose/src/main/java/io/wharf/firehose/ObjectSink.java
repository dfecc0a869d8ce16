package io.wharf.firehose;

import java.io.InputStream;

/**
 * Where Firehose writes the objects it delivers to S3 (ExtendedS3 and S3 destinations, the S3 backup and error
 * outputs of every destination). The firehose module defines it; the server implements it over Wharf's S3 (or any
 * S3 endpoint). Firehose deletes its buffered records only after {@link #put} returned, so a sink must not return
 * before the object is durable.
 */
@FunctionalInterface
public interface ObjectSink {

    /**
     * Writes one whole object, replacing any object under the same key (Firehose retries a batch under the same key,
     * so a retry after a lost answer does not leave two objects).
     *
     * @param bucketArn       the destination's {@code BucketARN} ({@code arn:aws:s3:::bucket})
     * @param key             the object key, already evaluated
     * @param content         exactly {@code length} bytes
     * @param contentEncoding the object's Content-Encoding, or null
     * @return the object's ETag (for logs)
     * @throws DeliveryFailure when the object was not written; Firehose keeps the records and retries
     */
    String put(String bucketArn, String key, InputStream content, long length, String contentEncoding)
            throws DeliveryFailure;

    /** A sink with nowhere to write: every put fails, so records stay buffered (never a faked success). */
    static ObjectSink unavailable(String reason) {
        return (bucketArn, key, content, length, contentEncoding) -> {
            throw new DeliveryFailure("S3.ServiceUnavailable", reason);
        };
    }
}
