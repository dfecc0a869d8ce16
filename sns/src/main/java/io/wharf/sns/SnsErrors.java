package io.wharf.sns;

import io.wharf.protocol.AwsException;

/**
 * Every error SNS answers, in one table (sns.md §1.3): the Query code, the HTTP status and whether the
 * sender is at fault. SNS's codes are the model's {@code error.code}s, so type and code are the same string.
 * The engine throws {@code SnsErrors.X.error(message)}; nothing else decides how an SNS error looks.
 */
public enum SnsErrors {
    INVALID_PARAMETER("InvalidParameter", 400, true),
    PARAMETER_VALUE_INVALID("ParameterValueInvalid", 400, true),
    /** AWS answers {@code ValidationError} (not the model's ValidationException) for null members. */
    VALIDATION_ERROR("ValidationError", 400, true),
    NOT_FOUND("NotFound", 404, true),
    RESOURCE_NOT_FOUND("ResourceNotFound", 404, true),
    AUTHORIZATION_ERROR("AuthorizationError", 403, true),
    INTERNAL_ERROR("InternalError", 500, false),
    THROTTLED("Throttled", 429, true),
    SUBSCRIPTION_LIMIT_EXCEEDED("SubscriptionLimitExceeded", 403, true),
    TOPIC_LIMIT_EXCEEDED("TopicLimitExceeded", 403, true),
    FILTER_POLICY_LIMIT_EXCEEDED("FilterPolicyLimitExceeded", 403, true),
    REPLAY_LIMIT_EXCEEDED("ReplayLimitExceeded", 403, true),
    BATCH_ENTRY_IDS_NOT_DISTINCT("BatchEntryIdsNotDistinct", 400, true),
    BATCH_REQUEST_TOO_LONG("BatchRequestTooLong", 400, true),
    EMPTY_BATCH_REQUEST("EmptyBatchRequest", 400, true),
    INVALID_BATCH_ENTRY_ID("InvalidBatchEntryId", 400, true),
    TOO_MANY_ENTRIES_IN_BATCH_REQUEST("TooManyEntriesInBatchRequest", 400, true),
    ENDPOINT_DISABLED("EndpointDisabled", 400, true),
    PLATFORM_APPLICATION_DISABLED("PlatformApplicationDisabled", 400, true),
    INVALID_SECURITY("InvalidSecurity", 403, true),
    INVALID_STATE("InvalidState", 400, true),
    CONCURRENT_ACCESS("ConcurrentAccess", 400, true),
    STALE_TAG("StaleTag", 400, true),
    TAG_POLICY("TagPolicy", 400, true),
    TAG_LIMIT_EXCEEDED("TagLimitExceeded", 400, true),
    KMS_DISABLED("KMSDisabled", 400, true),
    KMS_INVALID_STATE("KMSInvalidState", 400, true),
    KMS_NOT_FOUND("KMSNotFound", 400, true),
    KMS_OPT_IN_REQUIRED("KMSOptInRequired", 403, true),
    KMS_THROTTLING("KMSThrottling", 400, true),
    KMS_ACCESS_DENIED("KMSAccessDenied", 400, true),
    OPTED_OUT("OptedOut", 400, true),
    USER_ERROR("UserError", 400, true),
    VERIFICATION("VerificationException", 400, true);

    private final String code;
    private final int httpStatus;
    private final boolean senderFault;

    SnsErrors(String code, int httpStatus, boolean senderFault) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.senderFault = senderFault;
    }

    public String code() { return code; }

    public int httpStatus() { return httpStatus; }

    public boolean senderFault() { return senderFault; }

    public AwsException error(String message) {
        return new AwsException(code, httpStatus, senderFault, message);
    }

    /** "Invalid parameter: {detail}" — the wording of nearly every SNS validation failure. */
    public static AwsException invalidParameter(String detail) {
        return INVALID_PARAMETER.error("Invalid parameter: " + detail);
    }

    /** What SNS answers when KMS refuses the topic's key (Publish, PublishBatch): KMS's message under SNS's code. */
    public static AwsException kms(io.wharf.protocol.crypto.KmsFailure failure) {
        String message = failure.getMessage() == null || failure.getMessage().isEmpty()
                ? "The request was rejected because of the state of the topic's KMS key." : failure.getMessage();
        return switch (failure.kind()) {
            case DISABLED -> KMS_DISABLED.error(message);
            case NOT_FOUND -> KMS_NOT_FOUND.error(message);
            case ACCESS_DENIED -> KMS_ACCESS_DENIED.error(message);
            case INVALID_STATE, INVALID_CIPHERTEXT, INVALID_KEY_USAGE, OTHER -> KMS_INVALID_STATE.error(message);
        };
    }

    public static AwsException topicNotFound() {
        return NOT_FOUND.error("Topic does not exist");
    }

    public static AwsException subscriptionNotFound() {
        return NOT_FOUND.error("Subscription does not exist");
    }
}
