package io.wharf.iam.policy;

/** A policy document IAM would refuse; the message is IAM's (e.g. "Syntax errors in policy."). */
public final class MalformedPolicyException extends RuntimeException {
    public MalformedPolicyException(String message) {
        super(message, null, false, false);
    }
}
