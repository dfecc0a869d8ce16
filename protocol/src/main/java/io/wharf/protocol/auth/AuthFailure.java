package io.wharf.protocol.auth;

/**
 * Why a request could not be authenticated, independent of how a service words it on the wire. Each service renders
 * these in its own protocol ({@link io.wharf.protocol.AwsService#authenticationError}): Query services as
 * {@code InvalidClientTokenId}/{@code SignatureDoesNotMatch}/…, JSON services as
 * {@code UnrecognizedClientException}/{@code InvalidSignatureException}/….
 */
public enum AuthFailure {
    /** No Authorization header and no presigned query parameters. */
    MISSING_AUTHENTICATION,
    /** The signature's parts are malformed or missing (scope, SignedHeaders, date, unsupported algorithm). */
    INCOMPLETE_SIGNATURE,
    /** The access key is unknown or inactive, or a session token does not belong to it. */
    INVALID_CLIENT_TOKEN,
    /** The signature does not match the one computed with the key's secret, or the scope names another service. */
    SIGNATURE_DOES_NOT_MATCH,
    /** The request's date is more than 15 minutes from now, or a presigned URL has expired. */
    REQUEST_EXPIRED,
    /** The session token of temporary credentials has expired. */
    EXPIRED_TOKEN,
    /** S3: a header-signed request without {@code x-amz-content-sha256} ({@link SigningRules#contentSha256Header()}). */
    CONTENT_SHA256_MISSING,
    /** S3: {@code x-amz-content-sha256} is a hash, but not the body's ({@link SigningRules#contentSha256Header()}). */
    CONTENT_SHA256_MISMATCH
}
