package io.wharf.sqs;

import io.wharf.protocol.AwsException;

/**
 * Every error SQS answers, in one table (sqs.md §1.3): the model's shape name (JSON {@code __type}), the legacy
 * Query code (Query {@code <Code>}, {@code x-amzn-query-error}) and the HTTP status. The engine throws
 * {@code SqsErrors.X.error(message)}; nothing else decides how an SQS error looks on the wire.
 */
public enum SqsErrors {
    QUEUE_DOES_NOT_EXIST("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", 400),
    QUEUE_DELETED_RECENTLY("QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently", 400),
    QUEUE_NAME_EXISTS("QueueNameExists", "QueueAlreadyExists", 400),
    PURGE_QUEUE_IN_PROGRESS("PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", 403),
    OVER_LIMIT("OverLimit", "OverLimit", 403),
    MESSAGE_NOT_INFLIGHT("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", 400),
    RECEIPT_HANDLE_IS_INVALID("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", 400),
    TOO_MANY_ENTRIES_IN_BATCH_REQUEST("TooManyEntriesInBatchRequest",
            "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400),
    EMPTY_BATCH_REQUEST("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest", 400),
    BATCH_ENTRY_IDS_NOT_DISTINCT("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400),
    BATCH_REQUEST_TOO_LONG("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong", 400),
    INVALID_BATCH_ENTRY_ID("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId", 400),
    UNSUPPORTED_OPERATION("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", 400),
    INVALID_ATTRIBUTE_NAME("InvalidAttributeName", "InvalidAttributeName", 400),
    INVALID_ATTRIBUTE_VALUE("InvalidAttributeValue", "InvalidAttributeValue", 400),
    INVALID_MESSAGE_CONTENTS("InvalidMessageContents", "InvalidMessageContents", 400),
    /** Not modelled; AWS's JSON {@code __type} is the Exception-suffixed name. */
    INVALID_PARAMETER_VALUE("InvalidParameterValueException", "InvalidParameterValue", 400),
    /** Not modelled; AWS's JSON {@code __type} is the Exception-suffixed name. */
    MISSING_PARAMETER("MissingRequiredParameterException", "MissingParameter", 400),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", "ResourceNotFoundException", 404),
    KMS_DISABLED("KmsDisabled", "KMS.DisabledException", 400),
    KMS_NOT_FOUND("KmsNotFound", "KMS.NotFoundException", 400),
    KMS_INVALID_STATE("KmsInvalidState", "KMS.InvalidStateException", 400),
    KMS_ACCESS_DENIED("KmsAccessDenied", "KMS.AccessDeniedException", 400),
    KMS_INVALID_KEY_USAGE("KmsInvalidKeyUsage", "KMS.InvalidKeyUsageException", 400),
    KMS_OPT_IN_REQUIRED("KmsOptInRequired", "KMS.OptInRequired", 403),
    KMS_THROTTLED("KmsThrottled", "KMS.ThrottlingException", 400);

    /** JSON NonExistentQueue wording (the Query one adds "for this wsdl version"). */
    public static final String QUEUE_DOES_NOT_EXIST_MESSAGE = "The specified queue does not exist.";

    private final String type;
    private final String code;
    private final int httpStatus;

    SqsErrors(String type, String code, int httpStatus) {
        this.type = type;
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String type() { return type; }

    /** The legacy Query code; also what batch results carry in {@code Failed[].Code}. */
    public String code() { return code; }

    public int httpStatus() { return httpStatus; }

    public AwsException error(String message) {
        return new AwsException(type, code, httpStatus, true, message);
    }

    /** AWS's common wording: "Value X for parameter P is invalid. Reason: R." */
    public static AwsException invalidParameter(String parameter, Object value, String reason) {
        return INVALID_PARAMETER_VALUE.error("Value " + value + " for parameter " + parameter
                + " is invalid. Reason: " + reason);
    }

    public static AwsException missingParameter(String parameter) {
        return MISSING_PARAMETER.error("The request must contain the parameter " + parameter + ".");
    }

    /**
     * What SQS answers when KMS refuses the queue's key (SendMessage, ReceiveMessage, …): the model's Kms* shape,
     * the {@code KMS.*Exception} Query code, KMS's own message.
     */
    public static AwsException kms(io.wharf.protocol.crypto.KmsFailure failure) {
        SqsErrors error = switch (failure.kind()) {
            case DISABLED -> KMS_DISABLED;
            case NOT_FOUND -> KMS_NOT_FOUND;
            case INVALID_STATE -> KMS_INVALID_STATE;
            case ACCESS_DENIED -> KMS_ACCESS_DENIED;
            case INVALID_KEY_USAGE -> KMS_INVALID_KEY_USAGE;
            case INVALID_CIPHERTEXT, OTHER -> KMS_INVALID_STATE;
        };
        String message = failure.getMessage();
        return error.error(message == null || message.isEmpty()
                ? "The request was rejected because of the state of the queue's KMS key." : message);
    }

    public static AwsException queueDoesNotExist() {
        return QUEUE_DOES_NOT_EXIST.error(QUEUE_DOES_NOT_EXIST_MESSAGE)
                .withQueryMessage("The specified queue does not exist for this wsdl version.");
    }
}
