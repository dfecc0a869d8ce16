package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.IamErrors;
import io.wharf.iam.engine.Arns;
import io.wharf.iam.engine.IamEngine;
import io.wharf.iam.policy.IdentityPolicies;
import io.wharf.iam.policy.PolicyDocument;
import io.wharf.iam.policy.PolicyEvaluator;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.auth.Principal;

import java.util.ArrayList;
import java.util.List;

/** SimulatePrincipalPolicy: a user's, group's or role's policies (plus PolicyInputList) against actions × resources. */
public final class SimulatePrincipalPolicy implements Operation {
    private final IamEngine engine;
    private final PolicyEvaluator evaluator;

    public SimulatePrincipalPolicy(IamEngine engine, PolicyEvaluator evaluator) {
        this.engine = engine;
        this.evaluator = evaluator;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        String source = input.string("PolicySourceArn");
        IdentityPolicies identity = engine.identityPolicies(source);
        if (identity == null) {
            throw IamErrors.NO_SUCH_ENTITY.error("PolicySourceArn " + source + " does not name an existing user, "
                    + "group or role.");
        }
        List<PolicyDocument> policies = new ArrayList<>(identity.policies());
        policies.addAll(Simulation.inputPolicies(input));
        Arns.Parsed arn = Arns.parse(source);
        String caller = input.string("CallerArn") != null ? input.string("CallerArn") : source;
        Principal principal = new Principal(Principal.Type.USER, arn.accountId(), caller, caller, arn.name(), null,
                null, null, engine.tagsOf(source));
        return Simulation.run(evaluator, principal, policies, input, arn.accountId());
    }
}
