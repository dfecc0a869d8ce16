package io.wharf.protocol.auth;

import java.util.Objects;

/**
 * An authentication failure as a value; the gateway turns it into the service's own error
 * ({@link io.wharf.protocol.AwsService#authenticationError}, table in {@link io.wharf.protocol.AuthErrors}). The message
 * is AWS's wording for the failure, shared by the services that show it.
 *
 * <p>Sources of the wordings: the error ordering dacut/scratchstack-aws-signature recorded against AWS
 * ({@code docs/AWS Auth Error Ordering.pdf}, {@code src/constants.rs}); DynamoDB answers recorded in
 * mhart/dynalite {@code index.js} and Kinesis answers in mhart/kinesalite {@code test/connection.js}; answers quoted in
 * issues (each factory names its own).
 *
 * <p>No message holds a secret key or a request signature: where AWS echoes the {@code Authorization} header, the
 * signature's value is blanked. {@link #toString()} (what a log line shows) keeps the first line only, so the
 * canonical request a signature mismatch explains stays out of logs.
 */
public final class AuthException extends RuntimeException {
    /** AWS's "signature mismatch" sentence (moto {@code SignatureDoesNotMatchError}; SQS answer in sqs4s). */
    public static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature "
            + "you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for "
            + "details.";

    private final AuthFailure failure;

    public AuthException(AuthFailure failure, String message) {
        super(message, null, false, false);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    public AuthFailure failure() {
        return failure;
    }

    /**
     * The access key is unknown or inactive (with the full stop: scratchstack rule 15; SQS answer quoted in
     * ex-aws/ex_aws#220).
     */
    public static AuthException invalidClientToken() {
        return new AuthException(AuthFailure.INVALID_CLIENT_TOKEN, "The security token included in the request is invalid.");
    }

    /**
     * The session token is unknown, damaged, or not the access key's: AWS words it without the full stop (scratchstack
     * rule 14b; Kinesis answer quoted in awslabs/amazon-kinesis-scaling-utils#46).
     */
    public static AuthException invalidSessionToken() {
        return new AuthException(AuthFailure.INVALID_CLIENT_TOKEN, "The security token included in the request is invalid");
    }

    /** The session has expired (scratchstack rule 14c; DynamoDB answer quoted in guregu/dynamo#68). */
    public static AuthException expiredToken() {
        return new AuthException(AuthFailure.EXPIRED_TOKEN, "The security token included in the request is expired");
    }

    public static AuthException signatureDoesNotMatch() {
        return new AuthException(AuthFailure.SIGNATURE_DOES_NOT_MATCH, SIGNATURE_MISMATCH);
    }

    /**
     * The signature does not match; AWS explains what it signed (DynamoDB in dynalite, SQS in the sqs4s project's
     * recorded answer, API Gateway, ECS): the canonical request and the string to sign, each in quotes.
     */
    public static AuthException signatureDoesNotMatch(String canonicalRequest, String stringToSign) {
        return new AuthException(AuthFailure.SIGNATURE_DOES_NOT_MATCH, SIGNATURE_MISMATCH
                + "\n\nThe Canonical String for this request should have been\n'" + canonicalRequest
                + "'\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n");
    }

    /** Neither an {@code Authorization} header nor {@code X-Amz-Algorithm} (scratchstack rule 5). */
    public static AuthException missing() {
        return new AuthException(AuthFailure.MISSING_AUTHENTICATION, "Request is missing Authentication Token");
    }

    public static AuthException incomplete(String message) {
        return new AuthException(AuthFailure.INCOMPLETE_SIGNATURE, message);
    }

    /** Both forms at once (kinesalite {@code test/connection.js}: InvalidSignatureException, i.e. a mismatch). */
    public static AuthException bothForms() {
        return new AuthException(AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
    }

    @Override
    public String toString() {
        String message = getMessage();
        int newline = message.indexOf('\n');
        return failure + ": " + (newline < 0 ? message : message.substring(0, newline));
    }
}
