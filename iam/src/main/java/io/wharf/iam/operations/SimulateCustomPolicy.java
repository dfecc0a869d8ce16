package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.policy.PolicyEvaluator;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.auth.Principal;

import java.util.Map;

/** SimulateCustomPolicy: the policies given (PolicyInputList), as if a user of the caller's account held them. */
public final class SimulateCustomPolicy implements Operation {
    private final PolicyEvaluator evaluator;

    public SimulateCustomPolicy(PolicyEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        String account = Wire.account(ctx);
        String caller = input.string("CallerArn") != null ? input.string("CallerArn")
                : "arn:aws:iam::" + account + ":user/simulated";
        Principal principal = new Principal(Principal.Type.USER, account, caller, caller, null, null, null, null,
                Map.of());
        return Simulation.run(evaluator, principal, Simulation.inputPolicies(input), input, account);
    }
}
