package io.wharf.protocol.auth;

/**
 * The answer to an {@link AccessRequest}: allowed, or denied and why — the reason is what AWS's "not authorized"
 * messages name.
 */
public enum Decision {
    ALLOW(null),
    /** No identity-based policy (of the user, its groups, or the role) allows the action. */
    NO_IDENTITY_ALLOW("because no identity-based policy allows the %s action"),
    /** Cross-account or service/anonymous access that no resource-based policy allows. */
    NO_RESOURCE_ALLOW("because no resource-based policy allows the %s action"),
    /** The identity allows it, but the session policy of the temporary credentials does not. */
    NO_SESSION_ALLOW("because no session policy allows the %s action"),
    EXPLICIT_IDENTITY_DENY("with an explicit deny in an identity-based policy"),
    EXPLICIT_RESOURCE_DENY("with an explicit deny in a resource-based policy"),
    EXPLICIT_SESSION_DENY("with an explicit deny in a session policy");

    private final String reason;

    Decision(String reason) {
        this.reason = reason;
    }

    public boolean allowed() {
        return this == ALLOW;
    }

    public boolean explicit() {
        return name().startsWith("EXPLICIT");
    }

    /**
     * AWS's sentence for a denial, e.g. "User: arn:aws:iam::111122223333:user/bob is not authorized to perform:
     * sqs:SendMessage on resource: arn:aws:sqs:us-east-1:111122223333:q because no identity-based policy allows the
     * sqs:SendMessage action".
     */
    public String message(Principal principal, String action, String resourceArn) {
        if (this == ALLOW) {
            throw new IllegalStateException("not a denial");
        }
        String who = principal.type() == Principal.Type.ANONYMOUS ? "anonymous" : principal.arn();
        return "User: " + who + " is not authorized to perform: " + action + " on resource: " + resourceArn + " "
                + reason.formatted(action);
    }
}
