package io.wharf.protocol.auth;

/**
 * The outcome of authenticating one request.
 *
 * @param principal who the request acts as
 * @param region    the region it is for: the credential scope's, else the server's default
 */
public record Authentication(Principal principal, String region) {
}
