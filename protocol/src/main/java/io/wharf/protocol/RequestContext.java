package io.wharf.protocol;

/**
 * What an operation may know about the request besides its parameters.
 *
 * @param requestId   the id returned to the caller ({@code x-amzn-RequestId}, {@code <RequestId>})
 * @param accountId   the account the caller acts as
 * @param region      the region (from the SigV4 credential scope, else the configured default)
 * @param accessKeyId the caller's access key, or null for anonymous requests
 * @param host        the Host header as sent ({@code localhost:4566}), used to build URLs
 * @param scheme      "http" or "https"
 * @param path        the request path, e.g. a queue URL path {@code /000000000000/q}
 */
public record RequestContext(String requestId, String accountId, String region, String accessKeyId,
                             String host, String scheme, String path) {
}
