package io.wharf.protocol;

import io.wharf.protocol.auth.AuthException;
import io.wharf.protocol.model.ServiceModel;

/**
 * How AWS words authentication failures and denials, by protocol family: Query services (SNS, IAM, STS, and SQS,
 * whose JSON protocol carries the Query code in {@code x-amzn-query-error}) answer {@code InvalidClientTokenId},
 * {@code SignatureDoesNotMatch}, …; Coral JSON services (Kinesis) answer {@code UnrecognizedClientException},
 * {@code InvalidSignatureException}, …. A service whose wording differs overrides
 * {@link AwsService#authenticationError} or {@link AwsService#accessDenied}.
 */
public final class AuthErrors {
    private AuthErrors() {
    }

    /** The error a service of {@code model}'s protocol answers for {@code failure}. */
    public static AwsException forProtocol(ServiceModel model, AuthException failure) {
        boolean query = model.protocol().equals("query") || model.awsQueryCompatible();
        String message = failure.getMessage();
        return switch (failure.failure()) {
            case MISSING_AUTHENTICATION -> query
                    ? new AwsException("MissingAuthenticationToken", 403, true, message)
                    : new AwsException("MissingAuthenticationTokenException", 400, true, "Missing Authentication Token");
            case INCOMPLETE_SIGNATURE -> query
                    ? new AwsException("IncompleteSignature", 400, true, message)
                    : new AwsException("IncompleteSignatureException", 400, true, message);
            case INVALID_CLIENT_TOKEN -> query
                    ? new AwsException("InvalidClientTokenId", 403, true, message)
                    : new AwsException("UnrecognizedClientException", 400, true, message);
            case SIGNATURE_DOES_NOT_MATCH -> query
                    ? new AwsException("SignatureDoesNotMatch", 403, true, message)
                    : new AwsException("InvalidSignatureException", 400, true, message);
            case REQUEST_EXPIRED -> query
                    ? new AwsException("SignatureDoesNotMatch", 403, true, message)
                    : new AwsException("InvalidSignatureException", 400, true, message);
            case EXPIRED_TOKEN -> query
                    ? new AwsException("ExpiredToken", 403, true, message)
                    : new AwsException("ExpiredTokenException", 400, true, message);
        };
    }

    /** The access-denied error of {@code model}'s protocol family. */
    public static AwsException accessDenied(ServiceModel model, String message) {
        boolean query = model.protocol().equals("query") || model.awsQueryCompatible();
        return query ? new AwsException("AccessDenied", 403, true, message)
                : new AwsException("AccessDeniedException", 400, true, message);
    }
}
