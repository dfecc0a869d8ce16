package io.wharf.protocol.auth;

/**
 * The identity part of a SigV4 signature: who signed, for which day, region and service.
 * Parsed from {@code Credential=AKID/20250101/us-east-1/sqs/aws4_request}.
 */
public record Credential(String accessKeyId, String date, String region, String service) {
}
