package io.wharf.s3.engine;

import io.wharf.protocol.wire.RequestBody;

import java.util.Map;

/**
 * A PutObject as the engine takes it.
 *
 * @param body              the bytes (null: empty)
 * @param contentMd5        the Content-MD5 header (base64), or null
 * @param checksumAlgorithm the algorithm the client asked for ({@code x-amz-sdk-checksum-algorithm}), or null
 * @param sentChecksums     the {@code x-amz-checksum-*} headers sent (trailers are read from the body)
 * @param ifMatch           conditional write: the current ETag must match, or null
 * @param ifNoneMatch       conditional write: {@code *} (the key must not exist), or null
 */
public record PutRequest(String bucket, String key, RequestBody body, ContentHeaders headers,
                         Map<String, String> metadata, Map<String, String> tags, String contentMd5,
                         ChecksumAlgorithm checksumAlgorithm, Map<ChecksumAlgorithm, String> sentChecksums,
                         String ifMatch, String ifNoneMatch, Requester requester) {
}
