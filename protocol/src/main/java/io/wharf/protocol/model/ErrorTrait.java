package io.wharf.protocol.model;

/**
 * The error trait of an exception shape: the legacy code (Query protocol, {@code x-amzn-query-error}),
 * the HTTP status and whether the caller is at fault.
 */
public record ErrorTrait(String code, int httpStatusCode, boolean senderFault) {
}
