package io.wharf.protocol.auth;

import java.util.Map;
import java.util.Objects;

/**
 * Who a request acts as, once authenticated: what policies are evaluated for, what {@code GetCallerIdentity}
 * answers, what the audit log records.
 *
 * @param type        the kind of identity; its {@link Type#contextValue()} is {@code aws:PrincipalType}
 * @param accountId   the 12-digit account the identity belongs to (null for service principals and anonymous)
 * @param arn         {@code arn:aws:iam::123456789012:root}, {@code …:user/path/name},
 *                    {@code arn:aws:sts::123456789012:assumed-role/RoleName/SessionName}, {@code …:federated-user/name};
 *                    the service name ({@code sns.amazonaws.com}) for a service principal; {@code *} for anonymous
 * @param userId      {@code aws:userid}: the account id for root, the IAM unique id ({@code AIDA…}) for a user,
 *                    {@code AROA…:SessionName} for a role session, {@code account:name} for a federated user
 * @param name        {@code aws:username} for a user; the session name for a role session; null otherwise
 * @param accessKeyId the key that signed the request (null when none did)
 * @param roleArn     for a role session, the role's ARN ({@code arn:aws:iam::123456789012:role/path/RoleName}); else null
 * @param sessionPolicy for temporary credentials made with a session policy, its JSON (it narrows what the identity
 *                    may do); else null
 * @param tags        {@code aws:PrincipalTag/…}: the user's or role's tags, with session tags on top; never null
 */
public record Principal(Type type, String accountId, String arn, String userId, String name, String accessKeyId,
                        String roleArn, String sessionPolicy, Map<String, String> tags) {

    /** The kinds of principal, with their {@code aws:PrincipalType} values. */
    public enum Type {
        ROOT("Account"), USER("User"), ASSUMED_ROLE("AssumedRole"), FEDERATED_USER("FederatedUser"),
        SERVICE("Service"), ANONYMOUS("Anonymous");

        private final String contextValue;

        Type(String contextValue) {
            this.contextValue = contextValue;
        }

        /** The value of {@code aws:PrincipalType}. */
        public String contextValue() {
            return contextValue;
        }
    }

    public Principal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(arn, "arn");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** The root user of an account. */
    public static Principal root(String accountId, String accessKeyId) {
        return new Principal(Type.ROOT, accountId, "arn:aws:iam::" + accountId + ":root", accountId, null, accessKeyId,
                null, null, Map.of());
    }

    /** An AWS service acting on its own behalf, e.g. {@code sns.amazonaws.com} delivering to a queue. */
    public static Principal service(String servicePrincipal) {
        return new Principal(Type.SERVICE, null, servicePrincipal, servicePrincipal, null, null, null, null, Map.of());
    }

    /** A request that carries no credentials at all (allowed only where a resource policy grants {@code "*"}). */
    public static Principal anonymous() {
        return new Principal(Type.ANONYMOUS, null, "*", "anonymous", null, null, null, null, Map.of());
    }

    public boolean isRoot() {
        return type == Type.ROOT;
    }
}
