package io.wharf.iam.engine;

import io.wharf.iam.IamErrors;

import java.util.List;

/**
 * Inline policies of users, groups and roles: Put/Get/List/Delete{User,Group,Role}Policy. Their sizes add up against
 * one quota per entity (2,048 characters for a user, 5,120 for a group, 10,240 for a role).
 */
public final class InlinePolicies {
    private final IamState state;

    InlinePolicies(IamState state) {
        this.state = state;
    }

    /** An inline policy: the entity's name as stored, the policy's name and its document as given. */
    public record InlinePolicy(String entityName, String policyName, String document) {
    }

    public void put(String accountId, EntityKind kind, String entityName, String policyName, String document) {
        PolicyText text = PolicyText.validated(document, io.wharf.iam.policy.PolicyDocument.Kind.IDENTITY);
        state.run(batch -> {
            Entity entity = state.entity(state.account(accountId, batch), kind, entityName);
            PolicyText replaced = entity.inline.get(policyName);
            int size = entity.inlineSize() - (replaced == null ? 0 : replaced.size()) + text.size();
            int limit = state.limits.inlinePolicyChars(kind);
            if (size > limit) {
                throw IamErrors.LIMIT_EXCEEDED.error("Maximum policy size of " + limit + " bytes exceeded for "
                        + kind.word() + " " + entity.name);
            }
            entity.inline.put(policyName, text);
            state.layout.put(batch, entity);
        });
    }

    public InlinePolicy get(String accountId, EntityKind kind, String entityName, String policyName) {
        return state.read(() -> {
            Entity entity = state.entity(state.account(accountId), kind, entityName);
            return new InlinePolicy(entity.name, policyName, existing(entity, policyName).json());
        });
    }

    public Page<String> list(String accountId, EntityKind kind, String entityName, String marker, Integer maxItems) {
        return state.read(() -> Page.of(List.copyOf(state.entity(state.account(accountId), kind, entityName)
                .inline.keySet()), name -> name, marker, maxItems));
    }

    public void delete(String accountId, EntityKind kind, String entityName, String policyName) {
        state.run(batch -> {
            Entity entity = state.entity(state.account(accountId, batch), kind, entityName);
            existing(entity, policyName);
            entity.inline.remove(policyName);
            state.layout.put(batch, entity);
        });
    }

    private static PolicyText existing(Entity entity, String policyName) {
        PolicyText text = entity.inline.get(policyName);
        if (text == null) {
            throw IamErrors.NO_SUCH_ENTITY.error("The " + entity.kind().word() + " policy with name " + policyName
                    + " cannot be found.");
        }
        return text;
    }
}
