package io.wharf.iam.engine;

import io.wharf.iam.IamErrors;
import io.wharf.iam.policy.MalformedPolicyException;
import io.wharf.iam.policy.PolicyDocument;

/**
 * A policy document as it was given (what Get* answers, byte for byte) with its parsed form, which is what
 * evaluation uses. A document a caller sends is parsed when it is stored, so an invalid one is refused then; one read
 * back from the store or built in is parsed on first use, once.
 */
public final class PolicyText {
    private final String json;
    private volatile PolicyDocument document;

    private PolicyText(String json, PolicyDocument document) {
        this.json = json;
        this.document = document;
    }

    /**
     * Parses and validates a caller's document as IAM validates that kind (an identity policy must not name a
     * principal, a trust policy must, a managed policy needs Version 2012-10-17…).
     *
     * @throws io.wharf.protocol.AwsException MalformedPolicyDocument with IAM's message
     */
    public static PolicyText validated(String json, PolicyDocument.Kind kind) {
        try {
            return new PolicyText(json, PolicyDocument.parse(json, kind));
        } catch (MalformedPolicyException e) {
            throw IamErrors.MALFORMED_POLICY_DOCUMENT.error(e.getMessage());
        }
    }

    /** A document validated before (read from the store, or built in): parsed when first evaluated. */
    static PolicyText trusted(String json) {
        return new PolicyText(json, null);
    }

    public String json() {
        return json;
    }

    /**
     * The parsed document. A stored document that no longer parses (a stricter parser after an upgrade) fails the
     * request rather than being skipped: skipping a Deny would grant what it denied.
     */
    public PolicyDocument document() {
        PolicyDocument parsed = document;
        if (parsed == null) {
            try {
                parsed = PolicyDocument.parse(json, PolicyDocument.Kind.ANY); // its kind was checked when stored
            } catch (MalformedPolicyException e) {
                throw new IllegalStateException("a stored policy no longer parses: " + e.getMessage(), e);
            }
            document = parsed;
        }
        return parsed;
    }

    int size() {
        return IamLimits.policySize(json);
    }
}
