package io.wharf.dynamodb;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.CoralValidation;
import io.wharf.protocol.ValidationErrors;

/**
 * Every error DynamoDB answers, in one table, with AWS's shape names and statuses. Nothing else decides how a
 * DynamoDB error looks: the engine and the expression language throw {@code DynamoDbErrors.X.error(message)}.
 * <p>On the wire DynamoDB names its errors with their namespace ({@code __type:
 * com.amazonaws.dynamodb.v20120810#ResourceNotFoundException}): {@link DynamoDbService#jsonErrorType} adds
 * {@link #NAMESPACE} when the gateway renders the error.
 */
public enum DynamoDbErrors {
    VALIDATION("ValidationException", 400),
    SERIALIZATION("SerializationException", 400),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
    RESOURCE_IN_USE("ResourceInUseException", 400),
    TABLE_NOT_FOUND("TableNotFoundException", 400),
    CONDITIONAL_CHECK_FAILED("ConditionalCheckFailedException", 400),
    TRANSACTION_CANCELED("TransactionCanceledException", 400),
    TRANSACTION_CONFLICT("TransactionConflictException", 400),
    IDEMPOTENT_PARAMETER_MISMATCH("IdempotentParameterMismatchException", 400),
    ITEM_COLLECTION_SIZE_LIMIT("ItemCollectionSizeLimitExceededException", 400),
    LIMIT_EXCEEDED("LimitExceededException", 400),
    ACCESS_DENIED("AccessDeniedException", 400),
    INTERNAL("InternalServerError", 500);

    /** The namespace DynamoDB puts in front of its error names in {@code __type}. */
    public static final String NAMESPACE = "com.amazonaws.dynamodb.v20120810#";

    /** How DynamoDB words model violations: Coral's {@code 1 validation error detected: …}. */
    public static final ValidationErrors VALIDATION_ERRORS = CoralValidation.errors(
            m -> VALIDATION.error(m), m -> SERIALIZATION.error(m));

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

    /** A table that does not exist, as DescribeTable, UpdateTable and DeleteTable word it. */
    public static AwsException tableNotFound(String table) {
        return RESOURCE_NOT_FOUND.error("Requested resource not found: Table: " + table + " not found");
    }

    /** A table that does not exist, as the item, query and scan operations word it. */
    public static AwsException noSuchTable() {
        return RESOURCE_NOT_FOUND.error("Requested resource not found");
    }

    /**
     * A failed condition; {@code item} (null: none, or not asked for with {@code ReturnValuesOnConditionCheckFailure})
     * goes into the error's {@code Item} member.
     */
    public static AwsException conditionalCheckFailed(java.util.Map<String, io.wharf.dynamodb.item.AttributeValue> item) {
        AwsException e = CONDITIONAL_CHECK_FAILED.error("The conditional request failed");
        return item == null ? e : e.withMember("Item", io.wharf.dynamodb.item.AttributeValues.itemToWire(item));
    }

    /** Why one action of a transaction was cancelled: {@code None}, {@code ConditionalCheckFailed}… */
    public record CancellationReason(String code, String message,
                                     java.util.Map<String, io.wharf.dynamodb.item.AttributeValue> item) {
        public static final CancellationReason NONE = new CancellationReason("None", null, null);
    }

    /** AWS's TransactionCanceledException: the reasons in the order of the request's actions. */
    public static AwsException transactionCanceled(java.util.List<CancellationReason> reasons) {
        com.fasterxml.jackson.databind.node.ArrayNode list =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        java.util.List<String> codes = new java.util.ArrayList<>();
        for (CancellationReason r : reasons) {
            com.fasterxml.jackson.databind.node.ObjectNode reason = list.addObject();
            reason.put("Code", r.code());
            if (r.message() != null) {
                reason.put("Message", r.message());
            }
            if (r.item() != null) {
                reason.set("Item", io.wharf.dynamodb.item.AttributeValues.itemToWire(r.item()));
            }
            codes.add(r.code());
        }
        return TRANSACTION_CANCELED.error("Transaction cancelled, please refer cancellation reasons for specific "
                + "reasons " + codes).withMember("CancellationReasons", list);
    }

    /** The {@code ValidationException} every malformed parameter and expression gets. */
    public static AwsException validation(String message) {
        return VALIDATION.error(message);
    }
}
