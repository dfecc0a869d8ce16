package io.wharf.protocol.auth;

import java.time.Instant;

/**
 * Where the gateway learns the secret behind an access key and who the key stands for. Implemented by the IAM
 * service (long-term keys of users and account roots, temporary credentials of STS sessions); the protocol layer only
 * uses this interface, so it knows no IAM.
 */
public interface CredentialStore {

    /** An access key's secret and its principal. */
    record SigningIdentity(String secretAccessKey, Principal principal) {
    }

    /**
     * The secret and principal of {@code accessKeyId}.
     *
     * @param sessionToken the {@code X-Amz-Security-Token} sent with the request, or null
     * @param now          the time the request is checked at (for session expiry)
     * @throws AuthException {@link AuthException#invalidClientToken()} when the key is unknown or inactive,
     *                       {@link AuthException#invalidSessionToken()} when a token is sent that is unknown or not the
     *                       key's (AWS words the two apart by a full stop), {@link AuthException#expiredToken()} when
     *                       the session has expired. AWS checks the token before the key (scratchstack's rules 14, 15).
     */
    SigningIdentity find(String accessKeyId, String sessionToken, Instant now);

    /**
     * For {@link AuthMode#OFF}: the principal a key Wharf knows stands for (a user's key, a session's key), or null
     * for a key it does not know; nothing is verified.
     */
    Principal knownPrincipal(String accessKeyId, String sessionToken, Instant now);
}
