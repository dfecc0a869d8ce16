package io.wharf.protocol.auth;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Keys and sessions for tests: a long-term key, and temporary keys with a token and an expiry. */
final class FakeCredentialStore implements CredentialStore {
    private record Key(String secret, Principal principal, String sessionToken, Instant expires) {
    }

    private final Map<String, Key> keys = new HashMap<>();
    int lookups;

    FakeCredentialStore withKey(String accessKeyId, String secret, String accountId) {
        keys.put(accessKeyId, new Key(secret, Principal.root(accountId, accessKeyId), null, null));
        return this;
    }

    FakeCredentialStore withSession(String accessKeyId, String secret, String token, Instant expires) {
        keys.put(accessKeyId, new Key(secret, Principal.root("111122223333", accessKeyId), token, expires));
        return this;
    }

    @Override
    public SigningIdentity find(String accessKeyId, String sessionToken, Instant now) {
        lookups++;
        Key key = keys.get(accessKeyId);
        if (key != null && key.sessionToken() != null) {
            if (!key.sessionToken().equals(sessionToken)) {
                throw AuthException.invalidSessionToken();
            }
            if (!now.isBefore(key.expires())) {
                throw AuthException.expiredToken();
            }
        } else if (sessionToken != null) {
            throw AuthException.invalidSessionToken();
        }
        if (key == null) {
            throw AuthException.invalidClientToken();
        }
        return new SigningIdentity(key.secret(), key.principal());
    }

    @Override
    public Principal knownPrincipal(String accessKeyId, String sessionToken, Instant now) {
        Key key = keys.get(accessKeyId);
        return key == null ? null : key.principal();
    }
}
