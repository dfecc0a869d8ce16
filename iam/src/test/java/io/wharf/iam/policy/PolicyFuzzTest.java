package io.wharf.iam.policy;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wharf.protocol.auth.AccessRequest;
import io.wharf.protocol.fuzz.FuzzInput;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IAM policy language: {@code PolicyDocument.parse} of each {@link PolicyDocument.Kind} throws only
 * {@link MalformedPolicyException}; a policy it accepts is evaluated ({@code PolicyEvaluator}: action and resource
 * globs, NotAction/NotResource, principals, every condition operator, policy variables) as an identity policy or as
 * the resource's policy for a request with arbitrary action, resource and context, without an exception and with
 * the same decision twice. Input: the kind (IDENTITY, MANAGED, RESOURCE, TRUST), the policy, the action, the
 * resource ARN — one a line — then "key=value" context lines.
 */
class PolicyFuzzTest {
    private static final List<PolicyDocument.Kind> KINDS = List.of(PolicyDocument.Kind.values());
    private static final List<String> KIND_NAMES = KINDS.stream().map(Enum::name).toList();
    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator(EvaluationCase.CLOCK);

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"\"Version\":\"2012-10-17\"", "\"Statement\"", "\"Effect\":\"Allow\"", "\"Effect\":\"Deny\"",
            "\"NotAction\"", "\"NotResource\"", "\"Principal\"", "\"NotPrincipal\"", "\"Condition\"",
            "\"StringLike\"", "\"ArnLike\"", "\"IpAddress\"", "\"DateGreaterThan\"", "\"NumericLessThan\"",
            "\"Bool\"", "\"Null\"", "IfExists", "ForAllValues:", "ForAnyValue:", "${aws:username}", "${*}",
            "aws:SourceIp", "aws:CurrentTime", "aws:SecureTransport", "arn:aws:sqs:*:*:*", "sqs:*"})
    void parseAndEvaluate(byte[] input) {
        List<String> fields = new FuzzInput(input).fields(5);
        PolicyDocument.Kind kind = FuzzInput.pick(KINDS, KIND_NAMES, fields.get(0));
        String json = fields.get(1);
        try {
            PolicyDocument.parse(json, kind);
        } catch (MalformedPolicyException refused) {
            return;
        }
        Map<String, List<String>> context = new LinkedHashMap<>();
        for (String line : fields.get(4).split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                context.computeIfAbsent(line.substring(0, equals), k -> new java.util.ArrayList<>())
                        .add(line.substring(equals + 1));
            }
        }
        boolean resourcePolicy = kind == PolicyDocument.Kind.RESOURCE || kind == PolicyDocument.Kind.TRUST;
        AccessRequest request = new AccessRequest(Policies.ALICE, fields.get(2), fields.get(3), Policies.A,
                resourcePolicy ? json : null, context);
        IdentityPolicies identity = resourcePolicy ? IdentityPolicies.NONE
                : new IdentityPolicies(List.of(PolicyDocument.parse(json, kind)));
        Object first = EVALUATOR.evaluate(request, identity);
        if (!first.equals(EVALUATOR.evaluate(request, identity))) {
            throw new AssertionError("the same request was decided differently twice");
        }
    }
}
