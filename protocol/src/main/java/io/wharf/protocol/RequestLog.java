package io.wharf.protocol;

import java.time.Instant;

/**
 * Where the gateway reports every AWS call it answered, for the request log ({@code --log-requests}): one
 * {@link Entry} per call, after its answer is made. Must not block for long: it is called on the request's thread.
 */
@FunctionalInterface
public interface RequestLog {
    void record(Entry entry);

    RequestLog NONE = entry -> {
    };

    /**
     * One answered call.
     *
     * @param time        when the call arrived
     * @param requestId   the id in the answer's {@code x-amzn-RequestId} (S3: {@code x-amz-request-id})
     * @param account     the account the call acted as; null when it was refused before anyone was identified
     * @param accessKeyId the access key the request was signed with; null when unsigned
     * @param sourceIp    the client's address
     * @param service     the service's endpoint prefix ({@code sqs}, {@code monitoring} …); null when none was found
     * @param action      the operation; null when none was found
     * @param resource    the resource ARN the call was authorised against; null when none was (authorization off)
     * @param status      the HTTP status of the answer
     * @param errorCode   the AWS error code, null on success
     * @param micros      microseconds from arrival until the answer was made (a streamed body's head)
     * @param bytesIn     the request body's length
     * @param bytesOut    the response body's length; -1 for a streamed body of unannounced length
     */
    record Entry(Instant time, String requestId, String account, String accessKeyId, String sourceIp, String service,
                 String action, String resource, int status, String errorCode, long micros, long bytesIn,
                 long bytesOut) {
    }
}
