package io.wharf.firehose;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.CoralValidation;
import io.wharf.protocol.ValidationErrors;


/**
 * Every error Firehose answers, in one table (research/firehose.md §1). Messages AWS is known to use are AWS's;
 * the others are ours and marked so in docs/compatibility.md. The engine throws {@code FirehoseErrors.X.error(…)}
 * or one of the helpers; nothing else decides how a Firehose error looks on the wire.
 */
public enum FirehoseErrors {
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
    RESOURCE_IN_USE("ResourceInUseException", 400),
    INVALID_ARGUMENT("InvalidArgumentException", 400),
    LIMIT_EXCEEDED("LimitExceededException", 400),
    CONCURRENT_MODIFICATION("ConcurrentModificationException", 400),
    INVALID_KMS_RESOURCE("InvalidKMSResourceException", 400),
    /** Throttling: no status in the model; 503 makes every SDK retry it. */
    SERVICE_UNAVAILABLE("ServiceUnavailableException", 503),
    VALIDATION("ValidationException", 400),
    SERIALIZATION("SerializationException", 400);

    private final String type;
    private final int httpStatus;

    FirehoseErrors(String type, int httpStatus) {
        this.type = type;
        this.httpStatus = httpStatus;
    }

    public String type() {
        return type;
    }

    public AwsException error(String message) {
        return new AwsException(type, httpStatus, httpStatus < 500, message);
    }

    /** AWS: {@code Firehose <name> under account <account> not found.} */
    public static AwsException streamNotFound(String name, String account) {
        return RESOURCE_NOT_FOUND.error("Firehose " + name + " under account " + account + " not found.");
    }

    /** AWS (moto/LocalStack recordings): {@code Firehose <name> under accountId <account> already exists}. */
    public static AwsException streamExists(String name, String account) {
        return RESOURCE_IN_USE.error("Firehose " + name + " under accountId " + account + " already exists");
    }

    /** Ours: a call that needs an ACTIVE stream (put, update, encryption) while it is CREATING or DELETING. */
    public static AwsException notActive(String name, String account, String status) {
        return RESOURCE_IN_USE.error("Firehose " + name + " under account " + account
                + " is not ACTIVE, instead in state " + status + ".");
    }

    /** A KMS refusal as Firehose words it: InvalidKMSResourceException with KMS's message. */
    public static AwsException kms(io.wharf.protocol.crypto.KmsFailure failure) {
        String message = failure.getMessage() == null || failure.getMessage().isEmpty()
                ? "The KMS key is not usable (" + failure.kind() + ")." : failure.getMessage();
        return INVALID_KMS_RESOURCE.error(message);
    }

    /** Coral's wording: {@code 1 validation error detected: Value '<v>' at '<path>' failed to satisfy constraint: <c>}. */
    public static AwsException validation(String path, Object value, String constraint) {
        return VALIDATION.error(CoralValidation.message(path, value, constraint));
    }

    /** Firehose words model violations as Coral ValidationExceptions (see {@link CoralValidation}). */
    public static final ValidationErrors VALIDATION_ERRORS = CoralValidation.errors(VALIDATION::error,
            SERIALIZATION::error);

    /** The validator's path in Coral's form ({@code records.1.member.data}). */
    static String memberPath(String path) {
        return CoralValidation.memberPath(path);
    }
}
