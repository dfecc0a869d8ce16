package io.wharf.iam.policy;

import io.wharf.protocol.auth.AccessRequest;
import io.wharf.protocol.auth.Decision;

import java.time.Clock;

/** Decides an {@link AccessRequest} by AWS's policy evaluation logic. Thread-safe. */
public final class PolicyEvaluator {
    private final Clock clock;

    public PolicyEvaluator(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param request  the question, with the resource policy (if any) as JSON
     * @param identity the identity policies of {@code request.principal()} (NONE for root, services and anonymous)
     */
    public Decision evaluate(AccessRequest request, IdentityPolicies identity) {
        throw new UnsupportedOperationException("not written yet"); // the policy-language work replaces this
    }
}
