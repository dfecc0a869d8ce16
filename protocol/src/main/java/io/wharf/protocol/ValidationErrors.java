package io.wharf.protocol;

import io.wharf.protocol.model.Shape;

/**
 * The errors a service answers when a request does not match the model. Each AWS service words these its
 * own way (SQS: {@code MissingParameter} "The request must contain the parameter X."; Kinesis:
 * {@code ValidationException} "1 validation error detected: ..."), so services may supply their own.
 */
public interface ValidationErrors {
    /** A required member is absent. {@code path} is the member's path, e.g. {@code Entries.1.Id}. */
    AwsException missing(String path);

    /** A value is not of the member's type, or breaks a min/max/length/pattern/enum constraint. */
    AwsException invalid(String path, Object value, Shape shape, String reason);

    /**
     * Whether enum constraints are checked generically. SQS, for one, answers unknown attribute names with
     * its own errors ({@code InvalidAttributeName}), so it turns this off and checks them itself.
     */
    /** How many constraint violations one answer reports (AWS's Coral services: up to ten). */
    default int maxReported() {
        return 1;
    }

    /** One error for the violations found, in order; called with at least one. */
    default AwsException combine(java.util.List<AwsException> violations) {
        return violations.get(0);
    }

    default boolean validateEnums() {
        return true;
    }

    /**
     * A string outside its shape's enum, when {@link #validateEnums()} is on. By default an enum violation; null
     * accepts the value here, for members the service checks by its own rule and wording (S3: FilterRule names in
     * any case, notification events, location constraints).
     */
    default AwsException outsideEnum(String path, String value, Shape shape) {
        return invalid(path, value, shape, "Member must satisfy enum value set: " + shape.enumValues());
    }

    /**
     * Whether string values that XML 1.0 cannot carry ({@link XmlText}) are refused: true for services whose answers
     * are XML (the Query protocol: SQS, SNS, IAM, STS), where such a value, once stored, would come back in answers
     * no SDK can parse. The refusal is {@link #unwritableCharacter}.
     */
    default boolean xmlSafeText() {
        return false;
    }

    /**
     * A string (or map key, then {@code path} is the map's) holding a character XML cannot carry, for a service
     * whose {@link #xmlSafeText()} is true. By default a pattern violation, as AWS's models state such rules
     * ({@link XmlText#PATTERN}); null accepts the value here, for members the service checks by its own rule and
     * wording (SQS message bodies).
     */
    default AwsException unwritableCharacter(String path, Object value, Shape shape) {
        return invalid(path, value, shape, "Member must satisfy regular expression pattern: " + XmlText.PATTERN);
    }

    /**
     * Whether the string members named {@code member} are left to the service's own character rule, which already
     * excludes what XML cannot carry and says so in AWS's wording (SQS's message bodies, SNS's messages): the
     * validator then does not scan them for {@link #xmlSafeText()} at all, so a body is read once, not twice.
     */
    default boolean ownCharacterRule(String member) {
        return false;
    }

    /** The request body cannot be parsed at all. */
    default AwsException malformed(String detail) {
        return AwsException.client("SerializationException", detail);
    }

    ValidationErrors DEFAULT = new ValidationErrors() {
        @Override
        public AwsException missing(String path) {
            return AwsException.client("MissingParameter", "The request must contain the parameter " + path + ".");
        }

        @Override
        public AwsException invalid(String path, Object value, Shape shape, String reason) {
            return AwsException.client("InvalidParameterValue",
                    "Value " + value + " for parameter " + path + " is invalid. Reason: " + reason + ".");
        }
    };
}
