package io.wharf.iam.policy;

/**
 * A parsed, validated policy document (identity policy, resource policy, trust policy or session policy).
 * Immutable and safe to share; parse once, evaluate many times.
 */
public final class PolicyDocument {
    private final String json;

    private PolicyDocument(String json) {
        this.json = json;
    }

    /**
     * Parses and validates a policy as IAM does.
     *
     * @throws MalformedPolicyException with IAM's message when the document is not a valid policy
     */
    public static PolicyDocument parse(String json) {
        throw new UnsupportedOperationException("not written yet"); // the policy-language work replaces this
    }

    /** The document as it was given. */
    public String json() {
        return json;
    }
}
