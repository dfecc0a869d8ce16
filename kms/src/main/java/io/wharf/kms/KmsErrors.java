package io.wharf.kms;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.CoralValidation;
import io.wharf.protocol.ValidationErrors;


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
        return VALIDATION.error(CoralValidation.message(path, value, constraint));
    }

    /** KMS words model violations as Coral ValidationExceptions (see {@link CoralValidation}). */
    public static final ValidationErrors VALIDATION_ERRORS = CoralValidation.errors(VALIDATION::error,
            SERIALIZATION::error);

    /** The validator's path in Coral's form ({@code records.1.member.data}). */
    static String memberPath(String path) {
        return CoralValidation.memberPath(path);
    }
}
