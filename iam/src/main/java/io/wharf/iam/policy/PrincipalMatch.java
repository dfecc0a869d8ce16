package io.wharf.iam.policy;

/**
 * How a resource-based policy statement names the requesting principal; the strength decides what else must allow
 * the request in the same account (AWS, "Policy evaluation for requests within a single account").
 */
enum PrincipalMatch {
    /** Not named. */
    NONE,
    /**
     * Named only through its account ({@code "123456789012"} or {@code arn:aws:iam::123456789012:root}): the account
     * delegates to IAM, so a user or role still needs an identity-based allow (the account's root does not).
     */
    ACCOUNT,
    /**
     * Named as the role behind a role session (the role's ARN or unique id), or as everyone while being a session:
     * grants without an identity-based allow, but a session policy still limits it.
     */
    ROLE,
    /** Named itself (user ARN, session ARN, federated-user ARN, service, root): nothing else needs to allow. */
    DIRECT;

    boolean atLeast(PrincipalMatch other) {
        return compareTo(other) >= 0;
    }
}
