package io.wharf.protocol;

import io.wharf.protocol.auth.Principal;

/**
 * What an operation may know about the request besides its parameters.
 *
 * @param requestId   the id returned to the caller ({@code x-amzn-RequestId}, {@code <RequestId>})
 * @param accountId   the account the caller acts as
 * @param region      the region (from the SigV4 credential scope, else the configured default)
 * @param accessKeyId the caller's access key, or null for anonymous requests
 * @param host        host[:port] to build resource URLs with: {@code --hostname} when set, else the request's Host
 *                    header (only where that is trusted, see {@link GatewaySettings})
 * @param scheme      "http" or "https"
 * @param path        the request path, e.g. a queue URL path {@code /000000000000/q}
 * @param principal   who the caller is (the root of {@code accountId} when nothing better is known); never null
 * @param sourceIp    the caller's IP address
 */
public record RequestContext(String requestId, String accountId, String region, String accessKeyId,
                             String host, String scheme, String path, Principal principal, String sourceIp) {

    public RequestContext {
        if (principal == null) {
            principal = accountId == null ? Principal.anonymous() : Principal.root(accountId, accessKeyId);
        }
        if (sourceIp == null) {
            sourceIp = "127.0.0.1";
        }
    }

    /** A context acting as the root of {@code accountId}, from loopback (tests, in-process callers). */
    public RequestContext(String requestId, String accountId, String region, String accessKeyId, String host,
                          String scheme, String path) {
        this(requestId, accountId, region, accessKeyId, host, scheme, path, null, null);
    }
}
