package io.wharf.kms;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.model.Shape;
import io.wharf.protocol.model.ShapeType;

import java.util.List;

/**
 * Every error KMS answers, in one table, with AWS's shape names (all 400 sender faults but the internal one). The
 * engine throws {@code KmsErrors.X.error(message)} or one of the helpers; nothing else decides how a KMS error looks.
 */
public enum KmsErrors {
    NOT_FOUND("NotFoundException", 400),
    DISABLED("DisabledException", 400),
    INVALID_STATE("KMSInvalidStateException", 400),
    INVALID_CIPHERTEXT("InvalidCiphertextException", 400),
    INCORRECT_KEY("IncorrectKeyException", 400),
    INVALID_KEY_USAGE("InvalidKeyUsageException", 400),
    ALREADY_EXISTS("AlreadyExistsException", 400),
    INVALID_ALIAS_NAME("InvalidAliasNameException", 400),
    INVALID_ARN("InvalidArnException", 400),
    INVALID_MARKER("InvalidMarkerException", 400),
    MALFORMED_POLICY("MalformedPolicyDocumentException", 400),
    TAG("TagException", 400),
    LIMIT_EXCEEDED("LimitExceededException", 400),
    UNSUPPORTED_OPERATION("UnsupportedOperationException", 400),
    ACCESS_DENIED("AccessDeniedException", 400),
    /** Not in the model: what AWS answers for changes to the reserved {@code alias/aws/…} names. */
    NOT_AUTHORIZED("NotAuthorizedException", 400),
    VALIDATION("ValidationException", 400),
    SERIALIZATION("SerializationException", 400),
    DRY_RUN("DryRunOperationException", 412),
    INTERNAL("KMSInternalException", 500);

    private final String type;
    private final int httpStatus;

    KmsErrors(String type, int httpStatus) {
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

    public static AwsException keyNotFound(String keyArn) {
        return NOT_FOUND.error("Key '" + keyArn + "' does not exist");
    }

    public static AwsException aliasNotFound(String aliasArn) {
        return NOT_FOUND.error("Alias " + aliasArn + " is not found.");
    }

    public static AwsException invalidKeyId(String keyId) {
        return NOT_FOUND.error("Invalid keyId '" + keyId + "'");
    }

    public static AwsException disabled(String keyArn) {
        return DISABLED.error(keyArn + " is disabled.");
    }

    public static AwsException pendingDeletion(String keyArn) {
        return INVALID_STATE.error(keyArn + " is pending deletion.");
    }

    public static AwsException notPendingDeletion(String keyArn) {
        return INVALID_STATE.error(keyArn + " is not pending deletion.");
    }

    /** Coral's wording: {@code 1 validation error detected: Value '<v>' at '<path>' failed to satisfy constraint: <c>}. */
    public static AwsException validation(String path, Object value, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return VALIDATION.error("1 validation error detected: Value " + shown + " at '" + path
                + "' failed to satisfy constraint: " + constraint);
    }

    /**
     * KMS words model violations as Coral ValidationExceptions over lower-camel member paths ({@code keyId},
     * {@code tags.1.member.tagKey}); values of the wrong JSON type are SerializationExceptions.
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

    /** The validator's path ({@code Tags.1.TagKey}) in Coral's form ({@code tags.1.member.tagKey}). */
    static String memberPath(String path) {
        StringBuilder out = new StringBuilder();
        boolean mapKeyNext = false;
        for (String part : path.split("\\.", -1)) {
            if (out.length() > 0) {
                out.append('.');
            }
            if (mapKeyNext) {
                out.append(part);
                mapKeyNext = false;
            } else if (!part.isEmpty() && part.chars().allMatch(Character::isDigit)) {
                out.append(part).append(".member");
            } else {
                out.append(part.isEmpty() ? part : Character.toLowerCase(part.charAt(0)) + part.substring(1));
                mapKeyNext = part.endsWith("EncryptionContext");
            }
        }
        return out.toString();
    }
}
