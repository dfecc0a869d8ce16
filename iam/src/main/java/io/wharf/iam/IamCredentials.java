package io.wharf.iam;

import io.wharf.iam.engine.AccessKey;
import io.wharf.iam.engine.IamEngine;
import io.wharf.iam.engine.Sessions;
import io.wharf.protocol.auth.AuthException;
import io.wharf.protocol.auth.CredentialStore;
import io.wharf.protocol.auth.Principal;

import java.time.Instant;

/**
 * The gateway's {@link CredentialStore}: long-term keys (users', and account roots' from configuration or
 * CreateAccessKey) from the engine's key index, temporary keys ({@code ASIA…}) from their session tokens. Two map
 * lookups or one AES-GCM opening per request, no lock.
 */
public final class IamCredentials implements CredentialStore {
    private final IamEngine engine;

    public IamCredentials(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public SigningIdentity find(String accessKeyId, String sessionToken, Instant now) {
        if (accessKeyId == null) {
            throw AuthException.invalidClientToken();
        }
        AccessKey key = engine.accessKey(accessKeyId);
        if (key != null) {
            if (sessionToken != null) {
                // a long-term key with a token (a stale AWS_SESSION_TOKEN): AWS checks the token first and refuses it
                throw AuthException.invalidSessionToken();
            }
            Principal principal = key.active() ? engine.principalOf(key) : null;
            if (principal == null) {
                throw AuthException.invalidClientToken();
            }
            return new SigningIdentity(key.secretAccessKey(), principal);
        }
        if (accessKeyId.startsWith("ASIA")) {
            Sessions.Opened session = engine.sessions().open(accessKeyId, sessionToken, now);
            return new SigningIdentity(session.secretAccessKey(), session.principal());
        }
        throw AuthException.invalidClientToken();
    }

    @Override
    public Principal knownPrincipal(String accessKeyId, String sessionToken, Instant now) {
        try {
            // nothing is verified here: a long-term key stands for its user whatever token comes with it
            boolean temporary = accessKeyId != null && engine.accessKey(accessKeyId) == null;
            return find(accessKeyId, temporary ? sessionToken : null, now).principal();
        } catch (AuthException e) {
            return null;
        }
    }
}
