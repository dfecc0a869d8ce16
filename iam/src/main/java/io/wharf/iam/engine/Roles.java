package io.wharf.iam.engine;

import io.wharf.iam.IamErrors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** IAM roles: CreateRole, GetRole, ListRoles, UpdateRole, UpdateAssumeRolePolicy, DeleteRole and their tags. */
public final class Roles {
    /** A role's longest session when CreateRole does not say: one hour. */
    public static final int DEFAULT_MAX_SESSION_SECONDS = 3600;

    private final IamState state;

    Roles(IamState state) {
        this.state = state;
    }

    public Role create(String accountId, String name, String path, String trustPolicy, String description,
                       Integer maxSessionDurationSeconds, List<Tag> tags) {
        Tags.checkDistinct(tags);
        PolicyText trust = trustPolicy(trustPolicy);
        return state.write(batch -> {
            Account account = state.account(accountId, batch);
            if (account.roles.containsKey(Account.key(name))) {
                throw IamErrors.alreadyExists("Role", name);
            }
            if (account.roles.size() >= state.limits.rolesPerAccount()) {
                throw IamErrors.quota("RolesPerAccount", state.limits.rolesPerAccount());
            }
            RoleState role = new RoleState(accountId, state.ids.uniqueId("AROA", accountId), name,
                    path == null ? "/" : path, state.now());
            role.trustPolicy = trust;
            role.description = description;
            role.maxSessionDurationSeconds = maxSessionDurationSeconds == null ? DEFAULT_MAX_SESSION_SECONDS
                    : maxSessionDurationSeconds;
            Tags.apply(role.tags, tags, state.limits.tagsPerEntity(), "TagsPerRole");
            account.roles.put(Account.key(name), role);
            state.rolesById.put(role.id, role);
            state.publish(role);
            state.layout.put(batch, role);
            return role.view();
        });
    }

    private PolicyText trustPolicy(String json) {
        PolicyText trust = PolicyText.validated(json, io.wharf.iam.policy.PolicyDocument.Kind.TRUST);
        if (trust.size() > state.limits.trustPolicyChars()) {
            throw IamErrors.quota("ACLSizePerRole", state.limits.trustPolicyChars());
        }
        return trust;
    }

    public Role get(String accountId, String name) {
        return state.read(() -> state.role(state.account(accountId), name).view());
    }

    /** The role an ARN names, or null when it does not exist (STS AssumeRole, resource policies). */
    public Role byArn(String roleArn) {
        Arns.Parsed arn = Arns.parse(roleArn);
        if (arn == null || !arn.kind().equals("role")) {
            return null;
        }
        return state.read(() -> {
            RoleState role = state.account(arn.accountId()).roles.get(Account.key(arn.name()));
            return role == null || !role.path.equals(arn.path()) ? null : role.view();
        });
    }

    public Page<Role> list(String accountId, String pathPrefix, String marker, Integer maxItems) {
        return state.read(() -> {
            List<Role> list = new ArrayList<>();
            for (RoleState r : state.account(accountId).roles.values()) {
                if (pathPrefix == null || r.path.startsWith(pathPrefix)) {
                    list.add(r.view());
                }
            }
            list.sort(Comparator.comparing((Role r) -> Account.key(r.name())).thenComparing(Role::name));
            return Page.of(list, r -> Account.key(r.name()) + '\0' + r.name(), marker, maxItems);
        });
    }

    public void update(String accountId, String name, String description, Integer maxSessionDurationSeconds) {
        state.run(batch -> {
            RoleState role = state.role(state.account(accountId, batch), name);
            if (description != null) {
                role.description = description;
            }
            if (maxSessionDurationSeconds != null) {
                role.maxSessionDurationSeconds = maxSessionDurationSeconds;
            }
            state.publish(role);
            state.layout.put(batch, role);
        });
    }

    public void updateTrustPolicy(String accountId, String name, String trustPolicy) {
        PolicyText trust = trustPolicy(trustPolicy);
        state.run(batch -> {
            RoleState role = state.role(state.account(accountId, batch), name);
            role.trustPolicy = trust;
            state.layout.put(batch, role);
        });
    }

    public void delete(String accountId, String name) {
        state.run(batch -> {
            Account account = state.account(accountId, batch);
            RoleState role = state.role(account, name);
            if (!role.inline.isEmpty()) {
                throw IamErrors.deleteConflict("delete policies");
            }
            if (!role.attached.isEmpty()) {
                throw IamErrors.deleteConflict("detach all policies");
            }
            account.roles.remove(Account.key(role.name));
            state.rolesById.remove(role.id);
            state.unpublish(role);
            state.layout.delete(batch, role);
        });
    }

    public void tag(String accountId, String name, List<Tag> tags) {
        state.run(batch -> {
            RoleState role = state.role(state.account(accountId, batch), name);
            Tags.apply(role.tags, tags, state.limits.tagsPerEntity(), "TagsPerRole");
            state.publish(role);
            state.layout.put(batch, role);
        });
    }

    public void untag(String accountId, String name, List<String> keys) {
        state.run(batch -> {
            RoleState role = state.role(state.account(accountId, batch), name);
            keys.forEach(k -> Tags.remove(role.tags, k));
            state.publish(role);
            state.layout.put(batch, role);
        });
    }

    public Page<Tag> tags(String accountId, String name, String marker, Integer maxItems) {
        return state.read(() -> Page.byPosition(state.role(state.account(accountId), name).view().tags(), marker,
                maxItems));
    }
}
