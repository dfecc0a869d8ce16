package io.wharf.iam;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.model.Shape;

import java.util.List;

/**
 * Every error IAM answers, in one table: the Query code, the HTTP status, whether the sender is at fault (the model's
 * {@code error} traits), and the helpers that word the common ones as AWS does ("The user with name X cannot be
 * found."). The engine throws {@code IamErrors.X.error(message)} or a helper; nothing else decides how an IAM error
 * looks on the wire.
 */
public enum IamErrors {
    NO_SUCH_ENTITY("NoSuchEntity", 404, true),
    ENTITY_ALREADY_EXISTS("EntityAlreadyExists", 409, true),
    DELETE_CONFLICT("DeleteConflict", 409, true),
    LIMIT_EXCEEDED("LimitExceeded", 409, true),
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400, true),
    INVALID_INPUT("InvalidInput", 400, true),
    /** IAM's answer to requests that break the model's constraints (and a few rules worded the same way). */
    VALIDATION_ERROR("ValidationError", 400, true),
    UNMODIFIABLE_ENTITY("UnmodifiableEntity", 400, true),
    POLICY_NOT_ATTACHABLE("PolicyNotAttachable", 400, true),
    ACCESS_DENIED("AccessDenied", 403, true),
    POLICY_EVALUATION("PolicyEvaluation", 500, false),
    SERVICE_FAILURE("ServiceFailure", 500, false);

    private final String code;
    private final int httpStatus;
    private final boolean senderFault;

    IamErrors(String code, int httpStatus, boolean senderFault) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.senderFault = senderFault;
    }

    public String code() {
        return code;
    }

    public AwsException error(String message) {
        return new AwsException(code, httpStatus, senderFault, message);
    }

    /** "The user with name X cannot be found." ({@code entity}: user, group, role). */
    public static AwsException noSuchEntity(String entity, String name) {
        return NO_SUCH_ENTITY.error("The " + entity + " with name " + name + " cannot be found.");
    }

    /** "User with name X already exists." ({@code entity}: User, Group, Role). */
    public static AwsException alreadyExists(String entity, String name) {
        return ENTITY_ALREADY_EXISTS.error(entity + " with name " + name + " already exists.");
    }

    /** "Cannot delete entity, must X first." */
    public static AwsException deleteConflict(String what) {
        return DELETE_CONFLICT.error("Cannot delete entity, must " + what + " first.");
    }

    /** "Cannot exceed quota for X: N." */
    public static AwsException quota(String quota, int limit) {
        return LIMIT_EXCEEDED.error("Cannot exceed quota for " + quota + ": " + limit);
    }

    public static AwsException validation(String message) {
        return VALIDATION_ERROR.error(message);
    }

    /**
     * IAM words model violations as Coral does, over lower-camel member paths ({@code tags.1.member.key}), but without
     * the offending value: "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must
     * satisfy regular expression pattern: [\w+=,.@-]+". Enum violations do not list the values. Up to ten violations
     * are reported together, "N validation errors detected: …; …".
     */
    public static final ValidationErrors VALIDATION = new ValidationErrors() {
        @Override
        public AwsException missing(String path) {
            return violation(path, "Member must not be null");
        }

        /**
         * Answers are XML: text XML cannot carry is refused, as a pattern violation like the model's own patterns
         * (most of which already exclude it).
         */
        @Override
        public boolean xmlSafeText() {
            return true;
        }

        @Override
        public AwsException invalid(String path, Object value, Shape shape, String reason) {
            String constraint = reason.startsWith("Member must satisfy enum value set")
                    ? "Member must satisfy enum value set" : reason;
            if (!constraint.startsWith("Member must")) {
                constraint = "Member must be a valid " + shape.type().name().toLowerCase(java.util.Locale.ROOT);
            }
            return violation(path, constraint);
        }

        private AwsException violation(String path, String constraint) {
            return VALIDATION_ERROR.error("1 validation error detected: Value at '" + CoralPaths.of(path)
                    + "' failed to satisfy constraint: " + constraint);
        }

        @Override
        public int maxReported() {
            return 10;
        }

        @Override
        public AwsException combine(List<AwsException> violations) {
            return CoralPaths.combine(violations);
        }

        @Override
        public AwsException malformed(String detail) {
            return VALIDATION_ERROR.error(detail);
        }
    };
}
