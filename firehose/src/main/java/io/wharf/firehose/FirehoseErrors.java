package io.wharf.firehose;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.model.Shape;
import io.wharf.protocol.model.ShapeType;

import java.util.List;

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
        String shown = value == null ? "null" : "'" + value + "'";
        return VALIDATION.error("1 validation error detected: Value " + shown + " at '" + path
                + "' failed to satisfy constraint: " + constraint);
    }

    /**
     * Firehose words model violations as Coral ValidationExceptions over lower-camel member paths
     * ({@code record.data}, {@code records.1.member.data}); values of the wrong JSON type are SerializationExceptions.
     */
    public static final ValidationErrors VALIDATION_ERRORS = new ValidationErrors() {
        @Override
        public AwsException missing(String path) {
            return validation(memberPath(path), null, "Member must not be null");
        }

        @Override
        public AwsException invalid(String path, Object value, Shape shape, String reason) {
            if (!reason.startsWith("Member must")) {
                return SERIALIZATION.error("Value of " + memberPath(path) + " cannot be read: " + reason);
            }
            Object shown = value;
            if (shape.type() == ShapeType.BLOB && value instanceof com.fasterxml.jackson.databind.JsonNode node) {
                try {
                    int length = node.binaryValue().length;
                    shown = "java.nio.HeapByteBuffer[pos=0 lim=" + length + " cap=" + length + "]";
                } catch (java.io.IOException e) {
                    shown = node;
                }
            }
            return validation(memberPath(path), shown, reason);
        }

        @Override
        public AwsException malformed(String detail) {
            return SERIALIZATION.error(detail);
        }

        @Override
        public int maxReported() {
            return 10;
        }

        @Override
        public AwsException combine(List<AwsException> violations) {
            if (violations.size() == 1) {
                return violations.get(0);
            }
            StringBuilder message = new StringBuilder(violations.size() + " validation errors detected: ");
            for (int i = 0; i < violations.size(); i++) {
                message.append(i == 0 ? "" : "; ").append(violations.get(i).getMessage()
                        .replaceFirst("^1 validation error detected: ", ""));
            }
            return VALIDATION.error(message.toString());
        }
    };

    /** The validator's path ({@code Records.1.Data}) in Coral's form: lower-camel names, indexes then {@code member}. */
    static String memberPath(String path) {
        String[] parts = path.split("\\.", -1);
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (out.length() > 0) {
                out.append('.');
            }
            if (!part.isEmpty() && part.chars().allMatch(Character::isDigit)) {
                out.append(part).append(".member");
            } else {
                out.append(part.isEmpty() ? part : Character.toLowerCase(part.charAt(0)) + part.substring(1));
            }
        }
        return out.toString();
    }
}
