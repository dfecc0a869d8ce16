package io.wharf.iam.policy;

import io.wharf.protocol.auth.AccessRequest;
import io.wharf.protocol.auth.Decision;
import io.wharf.protocol.auth.Principal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Decides an {@link AccessRequest} by AWS's policy evaluation logic ("Policy evaluation logic", "Cross-account policy
 * evaluation logic", "Session policies" in the IAM User Guide). Thread-safe: it holds only the clock and a cache of
 * parsed resource and session policies.
 *
 * <h2>Order of evaluation</h2>
 * <ol>
 *   <li><b>Explicit deny.</b> A matching {@code Deny} in any identity policy of the principal, in the resource policy
 *       (whose Principal/NotPrincipal must name the caller, by account too), or in the session policy ends the
 *       evaluation: {@link Decision#EXPLICIT_IDENTITY_DENY}, {@link Decision#EXPLICIT_RESOURCE_DENY},
 *       {@link Decision#EXPLICIT_SESSION_DENY}, checked in that order. This holds in every account and for every
 *       principal, the account root included.</li>
 *   <li><b>Service principals and anonymous callers</b> ({@code sns.amazonaws.com}, unsigned requests, and the IAM
 *       engine's web-identity/SAML callers: a {@link Principal.Type#FEDERATED_USER} without an account) have no
 *       identity policies: only a resource-policy allow admits them, else {@link Decision#NO_RESOURCE_ALLOW}.</li>
 *   <li><b>Same account</b> (the resource's account is the principal's, or the action has no resource): the root is
 *       allowed. Otherwise a resource-policy statement that names the caller itself (user ARN, session ARN,
 *       federated-user ARN) allows outright; one that names the role behind a session allows unless a session policy
 *       does not ({@link Decision#NO_SESSION_ALLOW}); one that names only the account delegates to IAM, like no
 *       statement at all: then an identity policy must allow ({@link Decision#NO_IDENTITY_ALLOW}) and so must the
 *       session policy, if the session has one.</li>
 *   <li><b>Cross account</b>: both accounts must allow. The resource policy must name the caller (by account, root
 *       ARN, user/role/session ARN, or {@code *}), else {@link Decision#NO_RESOURCE_ALLOW}; and the caller's own
 *       account must allow as in the same-account case without the resource policy: identity allow (the root counts as
 *       allowed) and session allow.</li>
 * </ol>
 * Role trust policies ({@code sts:AssumeRole*}, {@code sts:TagSession}, {@code sts:SetSourceIdentity},
 * {@code sts:SetContext}) and KMS key policies ({@code kms:*} on a key) must name the caller even within one account,
 * as AWS documents for both: for those actions a missing resource-policy allow is {@link Decision#NO_RESOURCE_ALLOW}
 * in every account. A KMS alias ({@code arn:aws:kms:…:alias/…}) has no policy of its own: IAM policies alone decide
 * the alias half of CreateAlias, UpdateAlias and DeleteAlias.
 *
 * <h2>Sessions</h2>
 * For a role session the identity policies are the role's. A federated-user session (GetFederationToken) without a
 * session policy has no permissions of its own, as AWS documents. The session policy limits identity permissions and
 * what a resource policy grants to the role, never what a resource policy grants to the session's own ARN.
 *
 * <h2>Where Wharf chose the safer reading</h2>
 * <ul>
 *   <li>A resource policy's {@code "*"} (or an allowing NotPrincipal) granted to a role or federated-user session is
 *       limited by the session policy, like a grant to the role (AWS does not say).</li>
 *   <li>NotPrincipal is checked against the whole chain account → role → session, as AWS warns it may be: see
 *       {@link PrincipalSpec#notPrincipalApplies}.</li>
 *   <li>A stored resource policy that does not even parse leniently denies everyone but the resource owner's root
 *       (who can always repair it); a session policy that does not parse allows nothing.</li>
 *   <li>In a policy parsed leniently, a resource-policy statement without Principal denies everyone and allows
 *       no one.</li>
 * </ul>
 */
public final class PolicyEvaluator {
    /** How many distinct resource and session policy texts stay parsed. */
    public static final int DEFAULT_CACHE_SIZE = 1024;

    private static final Set<String> TRUST_ACTIONS = Set.of("sts:assumerole", "sts:assumerolewithsaml",
            "sts:assumerolewithwebidentity", "sts:tagsession", "sts:setsourceidentity", "sts:setcontext");

    private final Clock clock;
    private final PolicyCache cache;

    public PolicyEvaluator(Clock clock) {
        this(clock, DEFAULT_CACHE_SIZE);
    }

    public PolicyEvaluator(Clock clock, int cacheSize) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = new PolicyCache(cacheSize);
    }

    /**
     * @param request  the question, with the resource policy (if any) as JSON; a blank policy is no policy (SQS and SNS
     *                 clear a policy by setting it empty)
     * @param identity the identity policies of {@code request.principal()} (NONE for root, services and anonymous;
     *                 ignored for them)
     */
    public Decision evaluate(AccessRequest request, IdentityPolicies identity) {
        Objects.requireNonNull(request, "request");
        Principal principal = request.principal();
        String resourceJson = request.resourcePolicy() == null || request.resourcePolicy().isBlank() ? null
                : request.resourcePolicy();
        PolicyDocument resourcePolicy = resourceJson == null ? null : cache.get(resourceJson);
        if (resourceJson != null && resourcePolicy == null && !ownerRoot(principal, request.resourceAccount())) {
            return Decision.EXPLICIT_RESOURCE_DENY;
        }
        boolean hasIdentity = hasIdentity(principal);
        String sessionJson = hasIdentity && principal.sessionPolicy() != null && !principal.sessionPolicy().isBlank()
                ? principal.sessionPolicy() : null;
        PolicyDocument sessionPolicy = sessionJson == null ? null : cache.get(sessionJson);
        boolean sessionUnreadable = sessionJson != null && sessionPolicy == null;
        List<PolicyDocument> identityPolicies = hasIdentity && identity != null ? identity.policies() : List.of();

        String action = request.action().toLowerCase(Locale.ROOT);
        String resource = request.resourceArn();
        EvaluationContext context = new EvaluationContext(principal, request.context(), clock.instant());

        for (PolicyDocument policy : identityPolicies) {
            if (matches(policy, Statement.Effect.DENY, action, resource, context)) {
                return Decision.EXPLICIT_IDENTITY_DENY;
            }
        }
        if (resourcePolicy != null
                && named(resourcePolicy, Statement.Effect.DENY, action, resource, context) != PrincipalMatch.NONE) {
            return Decision.EXPLICIT_RESOURCE_DENY;
        }
        if (sessionPolicy != null && matches(sessionPolicy, Statement.Effect.DENY, action, resource, context)) {
            return Decision.EXPLICIT_SESSION_DENY;
        }

        PrincipalMatch granted = resourcePolicy == null ? PrincipalMatch.NONE
                : named(resourcePolicy, Statement.Effect.ALLOW, action, resource, context);
        if (!hasIdentity && !principal.isRoot()) {
            return granted != PrincipalMatch.NONE ? Decision.ALLOW : Decision.NO_RESOURCE_ALLOW;
        }
        boolean sameAccount = request.resourceAccount() == null
                || request.resourceAccount().equals(principal.accountId());
        if (granted == PrincipalMatch.NONE && (!sameAccount || resourcePolicyMustAllow(action, resource))) {
            return Decision.NO_RESOURCE_ALLOW;
        }
        if (principal.isRoot()) {
            return Decision.ALLOW;
        }
        boolean sessionAllows = sessionPolicy != null
                ? matches(sessionPolicy, Statement.Effect.ALLOW, action, resource, context)
                : !sessionUnreadable && !federatedSession(principal);
        if (sameAccount) {
            if (granted == PrincipalMatch.DIRECT) {
                return Decision.ALLOW;
            }
            if (granted == PrincipalMatch.ROLE) {
                return sessionAllows ? Decision.ALLOW : Decision.NO_SESSION_ALLOW;
            }
        }
        boolean identityAllows = false;
        for (PolicyDocument policy : identityPolicies) {
            if (matches(policy, Statement.Effect.ALLOW, action, resource, context)) {
                identityAllows = true;
                break;
            }
        }
        if (!identityAllows) {
            return Decision.NO_IDENTITY_ALLOW;
        }
        return sessionAllows ? Decision.ALLOW : Decision.NO_SESSION_ALLOW;
    }

    /** How many parsed policy texts the cache holds now (for tests and metrics). */
    int cachedPolicies() {
        return cache.size();
    }

    /** Users, role sessions and federated-user sessions have identity policies; root, services, anonymous do not. */
    private static boolean hasIdentity(Principal principal) {
        return switch (principal.type()) {
            case USER, ASSUMED_ROLE -> true;
            case FEDERATED_USER -> principal.accountId() != null;
            case ROOT, SERVICE, ANONYMOUS -> false;
        };
    }

    private static boolean federatedSession(Principal principal) {
        return principal.type() == Principal.Type.FEDERATED_USER;
    }

    private static boolean ownerRoot(Principal principal, String resourceAccount) {
        return principal.isRoot() && (resourceAccount == null || resourceAccount.equals(principal.accountId()));
    }

    /** Trust policies and KMS key policies must allow the caller even in its own account. */
    private static boolean resourcePolicyMustAllow(String action, String resource) {
        return !resource.equals("*") && (TRUST_ACTIONS.contains(action)
                || action.startsWith("kms:") && resource.contains(":key/"));
    }

    /** Whether a statement of {@code effect} in an identity or session policy applies (Principal is not looked at). */
    private static boolean matches(PolicyDocument policy, Statement.Effect effect, String action, String resource,
                                   EvaluationContext context) {
        for (Statement statement : policy.statements()) {
            if (statement.effect() == effect && statement.matchesAction(action)
                    && statement.matchesResource(resource, context) && statement.conditionsHold(context)) {
                return true;
            }
        }
        return false;
    }

    /** How strongly the statements of {@code effect} in a resource policy that apply to the request name the caller. */
    private static PrincipalMatch named(PolicyDocument policy, Statement.Effect effect, String action, String resource,
                                        EvaluationContext context) {
        PrincipalMatch best = PrincipalMatch.NONE;
        for (Statement statement : policy.statements()) {
            if (statement.effect() != effect || !statement.matchesAction(action)) {
                continue;
            }
            PrincipalMatch match = statement.principalMatch(context.principal());
            if (match.atLeast(best) && match != PrincipalMatch.NONE && match != best
                    && statement.matchesResource(resource, context) && statement.conditionsHold(context)) {
                best = match;
                if (best == PrincipalMatch.DIRECT) {
                    return best;
                }
            }
        }
        return best;
    }
}
