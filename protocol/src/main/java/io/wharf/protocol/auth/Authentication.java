package io.wharf.protocol.auth;

/**
 * The outcome of authenticating one request.
 *
 * @param principal who the request acts as
 * @param region        the region it is for: the credential scope's, else the server's default
 * @param chunkSigning  for a verified chunk-signed payload ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}), what
 *                      checking its chunks needs; null otherwise
 */
public record Authentication(Principal principal, String region, ChunkSigning chunkSigning) {

    /** An authentication without a chunk-signed payload. */
    public Authentication(Principal principal, String region) {
        this(principal, region, null);
    }
}
