package io.wharf.iam.policy;

import io.wharf.protocol.auth.AccessRequest;
import io.wharf.protocol.auth.Decision;
import io.wharf.protocol.auth.Principal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of an evaluation table: who asks for what on which resource (of which account), with which identity
 * policies, resource policy and request context, and the decision AWS's documented logic gives. Built fluently:
 * {@code row("…").as(BOB).does("sqs:SendMessage").on(QUEUE, A).identity(…).resourcePolicy(…).expect(ALLOW)}.
 */
final class EvaluationCase {
    /** The evaluator's clock in every table: 2024-06-01T12:00:00Z (epoch 1717243200). */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);

    private final String name;
    private Principal principal = Policies.ALICE;
    private String action = "sqs:SendMessage";
    private String resource = Policies.QUEUE;
    private String resourceAccount = Policies.A;
    private final List<String> identity = new ArrayList<>();
    private String resourcePolicy;
    private final Map<String, List<String>> context = new LinkedHashMap<>();
    private Decision expected;

    private EvaluationCase(String name) {
        this.name = name;
    }

    static EvaluationCase row(String name) {
        return new EvaluationCase(name);
    }

    EvaluationCase as(Principal who) {
        this.principal = who;
        return this;
    }

    EvaluationCase does(String what) {
        this.action = what;
        return this;
    }

    EvaluationCase on(String arn, String account) {
        this.resource = arn;
        this.resourceAccount = account;
        return this;
    }

    EvaluationCase identity(String... policies) {
        identity.addAll(List.of(policies));
        return this;
    }

    EvaluationCase resourcePolicy(String policy) {
        this.resourcePolicy = policy;
        return this;
    }

    EvaluationCase context(String key, String... values) {
        context.put(key, List.of(values));
        return this;
    }

    EvaluationCase expect(Decision decision) {
        this.expected = decision;
        return this;
    }

    Decision expected() {
        return expected;
    }

    /** Runs the row through {@code evaluator}; identity policies are parsed as the IAM engine would store them. */
    Decision evaluate(PolicyEvaluator evaluator) {
        List<PolicyDocument> documents = identity.stream().map(json -> PolicyDocument.parse(json,
                PolicyDocument.Kind.IDENTITY)).toList();
        AccessRequest request = new AccessRequest(principal, action, resource, resourceAccount, resourcePolicy,
                context);
        return evaluator.evaluate(request, new IdentityPolicies(documents));
    }

    @Override
    public String toString() {
        return name;
    }
}
