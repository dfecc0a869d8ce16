package io.wharf.iam.policy;

import java.util.List;

/**
 * The identity-based policies that apply to one principal: for a user its inline and attached managed policies and
 * those of its groups; for a role session the role's. (The session policy travels in the principal itself.)
 *
 * @param policies every applicable identity policy
 */
public record IdentityPolicies(List<PolicyDocument> policies) {
    public static final IdentityPolicies NONE = new IdentityPolicies(List.of());

    public IdentityPolicies {
        policies = List.copyOf(policies);
    }
}
