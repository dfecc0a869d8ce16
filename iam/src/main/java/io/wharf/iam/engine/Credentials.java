package io.wharf.iam.engine;

import java.time.Instant;

/** Temporary credentials from STS: an ASIA… key, its secret, the session token that carries the session, and when it ends. */
public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
}
