package io.wharf.iam.policy;

import io.wharf.protocol.auth.Principal;

import java.util.List;

/**
 * One parsed statement: effect, who (resource-based policies only), actions, resources, conditions; all matchers
 * compiled at parse time. Immutable.
 *
 * <p>{@code NotAction}, {@code NotResource} and {@code NotPrincipal} apply the statement to everything the list does
 * not match. A statement without {@code Resource}/{@code NotResource} (a role trust policy) applies to any resource.
 * Requests for actions without a resource name the resource {@code *}: only a pattern that matches the literal text
 * {@code *} (in practice {@code "Resource": "*"}) matches them, so {@code arn:aws:sqs:*} does not grant
 * {@code sqs:ListQueues}, and a {@code NotResource} list of ARNs does apply to them.
 */
final class Statement {

    /** Allow or Deny. */
    enum Effect { ALLOW, DENY }

    private final String sid;
    private final Effect effect;
    private final PrincipalSpec principal;
    private final boolean notPrincipal;
    private final Glob[] actions;
    private final boolean notAction;
    private final WildcardTemplate[] resources;
    private final boolean notResource;
    private final Condition[] conditions;

    Statement(String sid, Effect effect, PrincipalSpec principal, boolean notPrincipal, List<Glob> actions,
              boolean notAction, List<WildcardTemplate> resources, boolean notResource, List<Condition> conditions) {
        this.sid = sid;
        this.effect = effect;
        this.principal = principal;
        this.notPrincipal = notPrincipal;
        this.actions = actions.toArray(Glob[]::new);
        this.notAction = notAction;
        this.resources = resources == null ? null : resources.toArray(WildcardTemplate[]::new);
        this.notResource = notResource;
        this.conditions = conditions.toArray(Condition[]::new);
    }

    String sid() {
        return sid;
    }

    Effect effect() {
        return effect;
    }

    boolean hasPrincipal() {
        return principal != null;
    }

    /** @param action the request's action, lower-cased */
    boolean matchesAction(String action) {
        for (Glob glob : actions) {
            if (glob.matches(action)) {
                return !notAction;
            }
        }
        return notAction;
    }

    boolean matchesResource(String resource, EvaluationContext context) {
        if (resources == null) {
            return true;
        }
        for (WildcardTemplate pattern : resources) {
            if (pattern.matches(resource, context)) {
                return !notResource;
            }
        }
        return notResource;
    }

    boolean conditionsHold(EvaluationContext context) {
        for (Condition condition : conditions) {
            if (!condition.holds(context)) {
                return false;
            }
        }
        return true;
    }

    /**
     * How this statement of a resource-based policy names {@code who}. A statement without Principal or NotPrincipal
     * (only in policies parsed leniently) names nobody when it allows and everybody when it denies: the safe side.
     */
    PrincipalMatch principalMatch(Principal who) {
        if (principal == null) {
            return effect == Effect.DENY ? PrincipalMatch.DIRECT : PrincipalMatch.NONE;
        }
        if (!notPrincipal) {
            return principal.match(who);
        }
        if (!principal.notPrincipalApplies(who, effect == Effect.DENY)) {
            return PrincipalMatch.NONE;
        }
        return PrincipalSpec.isSession(who) ? PrincipalMatch.ROLE : PrincipalMatch.DIRECT;
    }
}
