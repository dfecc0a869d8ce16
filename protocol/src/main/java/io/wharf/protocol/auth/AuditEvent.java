package io.wharf.protocol.auth;

import java.time.Instant;

/**
 * One API call as the audit log records it (CloudTrail's fields where they exist).
 *
 * @param time        when the call was answered
 * @param requestId   the id the caller saw
 * @param principal   who called (anonymous when unauthenticated or when authentication failed before knowing)
 * @param accessKeyId the key the request was signed with (also when authentication failed), or null
 * @param sourceIp    the caller's address
 * @param userAgent   the User-Agent header, or null
 * @param service     the service's endpoint prefix ({@code sqs}), or null when no service was recognised
 * @param action      the operation ({@code SendMessage}), or null
 * @param region      the region of the call
 * @param resourceArn the resource the call was authorised against, or null
 * @param allowed     whether the call was authenticated and authorised (false for every auth failure and denial)
 * @param errorCode   the AWS error code answered, or null on success
 * @param errorMessage the error message answered, or null
 */
public record AuditEvent(Instant time, String requestId, Principal principal, String accessKeyId, String sourceIp,
                         String userAgent, String service, String action, String region, String resourceArn,
                         boolean allowed, String errorCode, String errorMessage) {
}
