package io.wharf.iam.engine;

import io.wharf.iam.policy.IdentityPolicies;
import io.wharf.iam.policy.PolicyDocument;
import io.wharf.protocol.auth.Principal;

import java.util.ArrayList;
import java.util.List;

/**
 * The identity-based policies that apply to a principal, collected per request for the evaluator: already parsed
 * documents (see {@link PolicyText}), gathered under the read lock.
 */
final class AppliedPolicies {
    private final IamState state;

    AppliedPolicies(IamState state) {
        this.state = state;
    }

    /**
     * The identity-based policies of a principal: a user's inline and attached policies and those of its groups; a
     * role session's role's. Root, services and anonymous callers have none ({@link IdentityPolicies#NONE}).
     */
    IdentityPolicies of(Principal principal) {
        return switch (principal.type()) {
            case USER -> state.read(() -> {
                UserState user = state.usersById.get(principal.userId());
                return user == null ? IdentityPolicies.NONE : new IdentityPolicies(policiesOf(user));
            });
            case ASSUMED_ROLE -> state.read(() -> {
                String userId = principal.userId();
                RoleState role = state.rolesById.get(userId.substring(0, Math.max(0, userId.indexOf(':'))));
                return role == null ? IdentityPolicies.NONE : new IdentityPolicies(policiesOf(role));
            });
            default -> IdentityPolicies.NONE;
        };
    }

    /** The identity-based policies of the user, group or role an ARN names, or null when there is none. */
    IdentityPolicies of(String entityArn) {
        Arns.Parsed arn = Arns.parse(entityArn);
        if (arn == null || arn.kind().equals("policy")) {
            return null;
        }
        return state.read(() -> {
            Account account = state.account(arn.accountId());
            Entity entity = account.entities(EntityKind.valueOf(arn.kind().toUpperCase(java.util.Locale.ROOT)))
                    .get(Account.key(arn.name()));
            return entity == null || !entity.path.equals(arn.path()) ? null : new IdentityPolicies(policiesOf(entity));
        });
    }

    private List<PolicyDocument> policiesOf(Entity entity) {
        List<PolicyDocument> documents = new ArrayList<>();
        add(documents, entity);
        if (entity instanceof UserState user) {
            user.groupIds.forEach(id -> add(documents, state.groupsById.get(id)));
        }
        return documents;
    }

    private void add(List<PolicyDocument> documents, Entity entity) {
        entity.inline.values().forEach(text -> documents.add(text.document()));
        Account account = state.account(entity.accountId);
        for (String arn : entity.attached) {
            ManagedPolicyState policy = ManagedPolicies.lookup(account, arn);
            if (policy != null) {
                documents.add(policy.defaultVersion().document().document());
            }
        }
    }
}
