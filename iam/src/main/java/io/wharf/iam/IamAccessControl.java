package io.wharf.iam;

import io.wharf.iam.engine.IamEngine;
import io.wharf.iam.policy.PolicyEvaluator;
import io.wharf.protocol.auth.AccessControl;
import io.wharf.protocol.auth.AccessRequest;
import io.wharf.protocol.auth.Decision;

/**
 * The gateway's {@link AccessControl}: the policy evaluator over the identity policies IAM holds for the principal
 * (a user's own and its groups', a role session's role's; none for root, services and anonymous callers). The
 * documents are parsed once, when stored; this only collects them.
 */
public final class IamAccessControl implements AccessControl {
    private final IamEngine engine;
    private final PolicyEvaluator evaluator;

    public IamAccessControl(IamEngine engine, PolicyEvaluator evaluator) {
        this.engine = engine;
        this.evaluator = evaluator;
    }

    @Override
    public Decision authorize(AccessRequest request) {
        return evaluator.evaluate(request, engine.identityPolicies(request.principal()));
    }
}
