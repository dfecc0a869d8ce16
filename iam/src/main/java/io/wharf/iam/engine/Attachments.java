package io.wharf.iam.engine;

import io.wharf.iam.IamErrors;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Managed policies attached to users, groups and roles: Attach/Detach{User,Group,Role}Policy,
 * ListAttached{User,Group,Role}Policies, ListEntitiesForPolicy.
 */
public final class Attachments {
    private final IamState state;

    Attachments(IamState state) {
        this.state = state;
    }

    /** A policy as ListAttached*Policies shows it. */
    public record AttachedPolicy(String policyName, String policyArn) {
    }

    /** A user, group or role a policy is attached to. */
    public record AttachedEntity(EntityKind kind, String name, String id) {
    }

    /** Attaches a policy (again: no change); at most {@link IamLimits#attachedPoliciesPerEntity()} per entity. */
    public void attach(String accountId, EntityKind kind, String entityName, String policyArn) {
        state.run(batch -> {
            Account account = state.account(accountId, batch);
            Entity entity = state.entity(account, kind, entityName);
            if (ManagedPolicies.lookup(account, policyArn) == null) {
                throw IamErrors.NO_SUCH_ENTITY.error("Policy " + policyArn + " does not exist or is not attachable.");
            }
            if (entity.attached.contains(policyArn)) {
                return;
            }
            if (entity.attached.size() >= state.limits.attachedPoliciesPerEntity()) {
                throw IamErrors.quota("PoliciesPer" + kind.title(), state.limits.attachedPoliciesPerEntity());
            }
            account.attach(policyArn, entity);
            state.layout.put(batch, entity);
        });
    }

    public void detach(String accountId, EntityKind kind, String entityName, String policyArn) {
        state.run(batch -> {
            Account account = state.account(accountId, batch);
            Entity entity = state.entity(account, kind, entityName);
            Arns.policy(policyArn);
            if (!entity.attached.contains(policyArn)) {
                throw IamErrors.NO_SUCH_ENTITY.error("Policy " + policyArn + " was not found.");
            }
            account.detach(policyArn, entity);
            state.layout.put(batch, entity);
        });
    }

    public Page<AttachedPolicy> list(String accountId, EntityKind kind, String entityName, String pathPrefix,
                                     String marker, Integer maxItems) {
        return state.read(() -> {
            Account account = state.account(accountId);
            List<AttachedPolicy> list = new ArrayList<>();
            for (String arn : state.entity(account, kind, entityName).attached) {
                Arns.Parsed parsed = Arns.parse(arn);
                if (pathPrefix == null || parsed.path().startsWith(pathPrefix)) {
                    list.add(new AttachedPolicy(parsed.name(), arn));
                }
            }
            return Page.byPosition(list, marker, maxItems);
        });
    }

    /** The users, groups and roles of the caller's account a policy is attached to, optionally of one kind. */
    public Page<AttachedEntity> entities(String accountId, String policyArn, EntityKind only, String pathPrefix,
                                         String marker, Integer maxItems) {
        return state.read(() -> {
            Account account = state.account(accountId);
            if (ManagedPolicies.lookup(account, policyArn) == null) {
                throw IamErrors.NO_SUCH_ENTITY.error("Policy " + policyArn + " was not found.");
            }
            List<AttachedEntity> list = new ArrayList<>();
            for (Entity e : account.attachments.getOrDefault(policyArn, Set.of())) {
                if ((only == null || e.kind() == only) && (pathPrefix == null || e.path.startsWith(pathPrefix))) {
                    list.add(new AttachedEntity(e.kind(), e.name, e.id));
                }
            }
            return Page.byPosition(list, marker, maxItems);
        });
    }
}
