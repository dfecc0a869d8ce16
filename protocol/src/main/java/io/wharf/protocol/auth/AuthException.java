package io.wharf.protocol.auth;

import java.util.Objects;

/**
 * An authentication failure as a value; the gateway turns it into the service's own error
 * ({@link io.wharf.protocol.AwsService#authenticationError}). The message is AWS's wording for the failure, shared by
 * the services that show it (e.g. "The security token included in the request is invalid.").
 */
public final class AuthException extends RuntimeException {
    private final AuthFailure failure;

    public AuthException(AuthFailure failure, String message) {
        super(message, null, false, false);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    public AuthFailure failure() {
        return failure;
    }

    public static AuthException invalidClientToken() {
        return new AuthException(AuthFailure.INVALID_CLIENT_TOKEN, "The security token included in the request is invalid.");
    }

    public static AuthException expiredToken() {
        return new AuthException(AuthFailure.EXPIRED_TOKEN, "The security token included in the request is expired");
    }

    public static AuthException signatureDoesNotMatch() {
        return new AuthException(AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
                        + "Access Key and signing method. Consult the service documentation for details.");
    }

    public static AuthException missing() {
        return new AuthException(AuthFailure.MISSING_AUTHENTICATION, "Request is missing Authentication Token");
    }

    public static AuthException incomplete(String message) {
        return new AuthException(AuthFailure.INCOMPLETE_SIGNATURE, message);
    }

    @Override
    public String toString() {
        return failure + ": " + getMessage();
    }
}
