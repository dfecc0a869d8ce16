package io.wharf.iam;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.model.Shape;

import java.util.List;

/**
 * Every error STS answers, in one table (the model's {@code error} traits plus the generic ones STS uses:
 * {@code ValidationError}, {@code InvalidParameterValue}, {@code AccessDenied}).
 */
public enum StsErrors {
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400),
    PACKED_POLICY_TOO_LARGE("PackedPolicyTooLarge", 400),
    REGION_DISABLED("RegionDisabledException", 403),
    EXPIRED_TOKEN("ExpiredTokenException", 400),
    VALIDATION_ERROR("ValidationError", 400),
    INVALID_PARAMETER_VALUE("InvalidParameterValue", 400),
    ACCESS_DENIED("AccessDenied", 403);

    private final String code;
    private final int httpStatus;

    StsErrors(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public AwsException error(String message) {
        return new AwsException(code, httpStatus, true, message);
    }

    /**
     * STS shows the offending value, unlike IAM: "1 validation error detected: Value 'Session1:2' at 'roleSessionName'
     * failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*".
     */
    public static final ValidationErrors VALIDATION = new ValidationErrors() {
        @Override
        public AwsException missing(String path) {
            return violation(path, "null", "Member must not be null");
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
            String constraint = reason.startsWith("Member must") ? reason
                    : "Member must be a valid " + shape.type().name().toLowerCase(java.util.Locale.ROOT);
            return violation(path, "'" + value + "'", constraint);
        }

        private AwsException violation(String path, String shown, String constraint) {
            return VALIDATION_ERROR.error("1 validation error detected: Value " + shown + " at '" + CoralPaths.of(path)
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
