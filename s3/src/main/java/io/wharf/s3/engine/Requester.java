package io.wharf.s3.engine;

/**
 * Who made a change, as an event notification tells it: the principal id ({@code userIdentity.principalId}), the
 * source IP and the request id ({@code responseElements.x-amz-request-id}).
 */
public record Requester(String principalId, String sourceIp, String requestId) {
    /** An in-process writer (Firehose delivering objects). */
    public static Requester internal(String principalId) {
        return new Requester(principalId, "127.0.0.1", "0000000000000000");
    }
}
