package io.wharf.dynamodb;

import io.wharf.protocol.AwsException;

/**
 * Every error DynamoDB answers, in one table, with AWS's shape names and statuses. Nothing else decides how a
 * DynamoDB error looks: the engine and the expression language throw {@code DynamoDbErrors.X.error(message)}.
 */
public enum DynamoDbErrors {
    VALIDATION("ValidationException", 400),
    SERIALIZATION("SerializationException", 400),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
    RESOURCE_IN_USE("ResourceInUseException", 400),
    CONDITIONAL_CHECK_FAILED("ConditionalCheckFailedException", 400),
    TRANSACTION_CANCELED("TransactionCanceledException", 400),
    TRANSACTION_CONFLICT("TransactionConflictException", 400),
    IDEMPOTENT_PARAMETER_MISMATCH("IdempotentParameterMismatchException", 400),
    ITEM_COLLECTION_SIZE_LIMIT("ItemCollectionSizeLimitExceededException", 400),
    LIMIT_EXCEEDED("LimitExceededException", 400),
    ACCESS_DENIED("AccessDeniedException", 400),
    INTERNAL("InternalServerError", 500);

    private final String type;
    private final int httpStatus;

    DynamoDbErrors(String type, int httpStatus) {
        this.type = type;
        this.httpStatus = httpStatus;
    }

    public String type() {
        return type;
    }

    public AwsException error(String message) {
        return new AwsException(type, httpStatus, httpStatus < 500, message);
    }

    /** Whether {@code e} is this error. */
    public boolean is(AwsException e) {
        return e.type().equals(type);
    }

    /** The {@code ValidationException} every malformed parameter and expression gets. */
    public static AwsException validation(String message) {
        return VALIDATION.error(message);
    }
}
