package io.wharf.iam.engine;

import io.wharf.iam.StsErrors;
import io.wharf.protocol.auth.AuthException;
import io.wharf.protocol.auth.Principal;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * STS's temporary credentials: AssumeRole and GetSessionToken make them, {@link #open} turns a request's key and
 * token back into the principal. Sessions are not stored (see {@link SessionToken}); only their sealing key is.
 */
public final class Sessions {
    public static final int DEFAULT_ROLE_SESSION_SECONDS = 3600;
    public static final int DEFAULT_SESSION_TOKEN_SECONDS = 43_200;
    /** Root's GetSessionToken sessions last at most an hour; a longer request is shortened, not refused. */
    public static final int ROOT_SESSION_SECONDS = 3600;
    /** A role session assuming another role (role chaining) gets at most an hour. */
    public static final int CHAINED_SESSION_SECONDS = 3600;

    private final IamState state;
    private final SessionToken tokens;

    Sessions(IamState state, byte[] key) {
        this.state = state;
        this.tokens = new SessionToken(key);
    }

    /** AssumeRole's answer. {@code packedPolicySize} is null when no session policy or tags were given. */
    public record AssumedRole(Credentials credentials, String assumedRoleId, String arn, Integer packedPolicySize) {
    }

    public AssumedRole assumeRole(Principal caller, String roleArn, String sessionName, Integer durationSeconds,
                                  String policy, List<Tag> tags, List<String> transitiveTagKeys) {
        Arns.Parsed arn = Arns.parse(roleArn);
        if (arn == null || !arn.kind().equals("role")) {
            throw StsErrors.VALIDATION_ERROR.error(roleArn + " is invalid");
        }
        IamState.RoleFacts role = state.read(() -> {
            RoleState r = state.account(arn.accountId()).roles.get(Account.key(arn.name()));
            return r != null && r.arn().equalsIgnoreCase(roleArn) ? state.roleFacts.get(r.id) : null;
        });
        if (role == null) {
            throw StsErrors.ACCESS_DENIED.error("User: " + caller.arn() + " is not authorized to perform: "
                    + "sts:AssumeRole on resource: " + roleArn);
        }
        String roleId = role.roleId();
        int maxSession = role.maxSessionDurationSeconds();
        int duration = durationSeconds == null ? DEFAULT_ROLE_SESSION_SECONDS : durationSeconds;
        if (caller.type() == Principal.Type.ASSUMED_ROLE && duration > CHAINED_SESSION_SECONDS) {
            throw StsErrors.VALIDATION_ERROR.error("The requested DurationSeconds exceeds the 1 hour session limit "
                    + "for roles assumed by role chaining.");
        }
        if (duration > maxSession) {
            throw StsErrors.VALIDATION_ERROR.error("The requested DurationSeconds exceeds the MaxSessionDuration set "
                    + "for this role.");
        }
        if (policy != null) {
            if (policy.length() > state.limits.sessionPolicyChars()) {
                throw StsErrors.VALIDATION_ERROR.error("1 validation error detected: Value '" + policy + "' at 'policy' "
                        + "failed to satisfy constraint: Member must have length less than or equal to "
                        + state.limits.sessionPolicyChars());
            }
            PolicyText.validated(policy, io.wharf.iam.policy.PolicyDocument.Kind.IDENTITY);
        }
        Map<String, String> sessionTags = sessionTags(tags, transitiveTagKeys);
        String keyId = state.ids.keyId("ASIA", role.accountId());
        String secret = state.ids.secret();
        Instant expires = state.now().plusSeconds(duration);
        String assumedArn = "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.roleName() + "/" + sessionName;
        String assumedId = roleId + ":" + sessionName;
        String token = tokens.seal(new SessionToken.Facts(keyId, secret, Principal.Type.ASSUMED_ROLE, role.accountId(),
                assumedArn, assumedId, sessionName, role.roleArn(), roleId, policy, sessionTags,
                expires.toEpochMilli()));
        Integer packed = policy == null && sessionTags.isEmpty() ? null : packedSize(policy, sessionTags);
        return new AssumedRole(new Credentials(keyId, secret, token, expires), assumedId, assumedArn, packed);
    }

    private static Map<String, String> sessionTags(List<Tag> tags, List<String> transitiveTagKeys) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Tag tag : tags) {
            if (result.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(tag.key()))) {
                throw StsErrors.INVALID_PARAMETER_VALUE.error(
                        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
            result.put(tag.key(), tag.value());
        }
        Set<String> keys = result.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        for (String key : transitiveTagKeys) {
            if (!keys.contains(key.toLowerCase(Locale.ROOT))) {
                throw StsErrors.INVALID_PARAMETER_VALUE.error(
                        "The specified transitive tag key must be included in the requested tags.");
            }
        }
        return result;
    }

    /** AWS's PackedPolicySize: the percentage of the packed allowance a session's policy and tags use. */
    private int packedSize(String policy, Map<String, String> tags) {
        int chars = policy == null ? 0 : IamLimits.policySize(policy);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            chars += tag.getKey().length() + tag.getValue().length();
        }
        return Math.max(1, (int) Math.ceil(chars * 100.0 / (state.limits.sessionPolicyChars() * 4)));
    }

    /** GetSessionToken: temporary credentials for a user or an account root (not for another session). */
    public Credentials sessionToken(Principal caller, Integer durationSeconds) {
        boolean temporary = caller.accessKeyId() != null && caller.accessKeyId().startsWith("ASIA");
        if (caller.type() != Principal.Type.USER && caller.type() != Principal.Type.ROOT || temporary) {
            throw StsErrors.ACCESS_DENIED.error("Cannot call GetSessionToken with session credentials");
        }
        int duration = durationSeconds == null ? DEFAULT_SESSION_TOKEN_SECONDS : durationSeconds;
        if (caller.isRoot()) {
            duration = Math.min(duration, ROOT_SESSION_SECONDS);
        }
        String keyId = state.ids.keyId("ASIA", caller.accountId());
        String secret = state.ids.secret();
        Instant expires = state.now().plusSeconds(duration);
        String token = tokens.seal(new SessionToken.Facts(keyId, secret, caller.type(), caller.accountId(),
                caller.arn(), caller.userId(), caller.name(), null, null, null, Map.of(), expires.toEpochMilli()));
        return new Credentials(keyId, secret, token, expires);
    }

    /** The principal and secret of temporary credentials. */
    public record Opened(String secretAccessKey, Principal principal) {
    }

    /**
     * Opens a request's temporary credentials.
     *
     * @throws AuthException invalid session token (AWS's wording without the full stop) when the token is missing, not
     *                       ours or not the key's; invalid client token when its user or role is gone; expired token
     *                       after its expiration
     */
    public Opened open(String accessKeyId, String sessionToken, Instant now) {
        SessionToken.Facts f = sessionToken == null ? null : tokens.open(sessionToken);
        if (f == null || !f.accessKeyId().equals(accessKeyId)) {
            throw AuthException.invalidSessionToken();
        }
        if (now.toEpochMilli() >= f.expiresMillis()) {
            throw AuthException.expiredToken();
        }
        Principal principal = switch (f.type()) {
            case ROOT -> Principal.root(f.accountId(), accessKeyId);
            case USER -> {
                Principal user = state.userPrincipals.get(f.userId());
                if (user == null) {
                    throw AuthException.invalidClientToken();
                }
                yield new Principal(Principal.Type.USER, user.accountId(), user.arn(), user.userId(), user.name(),
                        accessKeyId, null, null, user.tags());
            }
            case ASSUMED_ROLE -> {
                IamState.RoleFacts role = state.roleFacts.get(f.roleId());
                if (role == null || !role.roleArn().equals(f.roleArn())) {
                    throw AuthException.invalidClientToken();
                }
                Map<String, String> tags = new HashMap<>(role.tags());
                f.tags().forEach((k, v) -> {
                    tags.keySet().removeIf(existing -> existing.equalsIgnoreCase(k));
                    tags.put(k, v);
                });
                yield new Principal(Principal.Type.ASSUMED_ROLE, f.accountId(), f.arn(), f.userId(), f.name(),
                        accessKeyId, f.roleArn(), f.sessionPolicy(), tags);
            }
            default -> throw AuthException.invalidClientToken();
        };
        return new Opened(f.secretAccessKey(), principal);
    }
}
