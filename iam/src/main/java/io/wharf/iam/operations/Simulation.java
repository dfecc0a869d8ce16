package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.Page;
import io.wharf.iam.engine.PolicyText;
import io.wharf.iam.policy.IdentityPolicies;
import io.wharf.iam.policy.PolicyDocument;
import io.wharf.iam.policy.PolicyEvaluator;
import io.wharf.protocol.Input;
import io.wharf.protocol.auth.AccessRequest;
import io.wharf.protocol.auth.Decision;
import io.wharf.protocol.auth.Principal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What SimulatePrincipalPolicy and SimulateCustomPolicy share, kept cheap: every ActionName × ResourceArn (default
 * {@code *}) is one {@link PolicyEvaluator} question, answered allowed, explicitDeny or implicitDeny. Matched
 * statements and missing context keys are not reported (empty lists).
 */
final class Simulation {
    private Simulation() {
    }

    /** Parses PolicyInputList's documents (MalformedPolicyDocument for a bad one). */
    static List<PolicyDocument> inputPolicies(Input input) {
        List<PolicyDocument> documents = new ArrayList<>();
        input.strings("PolicyInputList").forEach(json -> documents.add(PolicyText.validated(json, io.wharf.iam.policy.PolicyDocument.Kind.IDENTITY).document()));
        return documents;
    }

    static ObjectNode run(PolicyEvaluator evaluator, Principal principal, List<PolicyDocument> policies, Input input,
                          String accountId) {
        String resourcePolicy = input.string("ResourcePolicy");
        if (resourcePolicy != null) {
            PolicyText.validated(resourcePolicy, io.wharf.iam.policy.PolicyDocument.Kind.RESOURCE);
        }
        String owner = input.string("ResourceOwner");
        String resourceAccount = owner != null && owner.matches("arn:aws:iam::\\d{12}:root")
                ? owner.substring(13, 25) : owner != null && owner.matches("\\d{12}") ? owner : accountId;
        Map<String, List<String>> context = new LinkedHashMap<>();
        input.structs("ContextEntries").forEach(e -> context.put(e.string("ContextKeyName"),
                e.strings("ContextKeyValues")));
        List<String> resources = input.strings("ResourceArns").isEmpty() ? List.of("*") : input.strings("ResourceArns");
        IdentityPolicies identity = new IdentityPolicies(policies);
        List<ObjectNode> results = new ArrayList<>();
        for (String action : input.strings("ActionNames")) {
            for (String resource : resources) {
                Decision decision = evaluator.evaluate(new AccessRequest(principal, action, resource,
                        resource.equals("*") ? null : resourceAccount, resourcePolicy, context), identity);
                ObjectNode result = Wire.empty().put("EvalActionName", action).put("EvalResourceName", resource)
                        .put("EvalDecision", decision.allowed() ? "allowed"
                                : decision.explicit() ? "explicitDeny" : "implicitDeny");
                result.putArray("MatchedStatements");
                result.putArray("MissingContextValues");
                results.add(result);
            }
        }
        Page<ObjectNode> page = Page.byPosition(results, input.string("Marker"), input.integer("MaxItems"));
        return Wire.page(Wire.empty(), "EvaluationResults", page, ArrayNode::add);
    }
}
