package io.wharf.iam.engine;

import io.wharf.storage.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** Rebuilds the engine's memory from the store on start (layout: {@link IamStoreLayout}). */
final class Recovery {
    private Recovery() {
    }

    static void load(IamState state) {
        IamStoreLayout layout = state.layout;
        layout.store.scan(layout.accounts, new byte[0], (k, v) -> state.restore(
                new Account(new String(k, StandardCharsets.UTF_8), IamRecords.readAccountCreated(v))));
        layout.store.scan(layout.users, new byte[0], (k, v) -> {
            UserState user = IamRecords.readUser(accountOf(k), v);
            state.account(user.accountId, null).users.put(Account.key(user.name), user);
            state.usersById.put(user.id, user);
        });
        layout.store.scan(layout.groups, new byte[0], (k, v) -> {
            GroupState group = IamRecords.readGroup(accountOf(k), v);
            state.account(group.accountId, null).groups.put(Account.key(group.name), group);
            state.groupsById.put(group.id, group);
            // a user is deleted only once out of every group, so every member id names a user
            group.memberIds.removeIf(id -> !state.usersById.containsKey(id));
            group.memberIds.forEach(id -> state.usersById.get(id).groupIds.add(group.id));
        });
        layout.store.scan(layout.roles, new byte[0], (k, v) -> {
            RoleState role = IamRecords.readRole(accountOf(k), v);
            state.account(role.accountId, null).roles.put(Account.key(role.name), role);
            state.rolesById.put(role.id, role);
        });
        layout.store.scan(layout.policies, new byte[0], (k, v) -> {
            ManagedPolicyState policy = IamRecords.readPolicy(accountOf(k), v);
            state.account(policy.accountId, null).policies.put(Account.key(policy.name), policy);
        });
        layout.store.scan(layout.keys, new byte[0], (k, v) -> {
            AccessKey key = IamRecords.readKey(k, v);
            state.keys.put(key.accessKeyId(), key);
            if (key.userId() == null) {
                state.account(key.accountId(), null).rootKeyIds.add(key.accessKeyId());
            } else if (state.usersById.containsKey(key.userId())) {
                state.usersById.get(key.userId()).keyIds.add(key.accessKeyId());
            }
        });
        for (Account account : state.accounts()) {
            for (EntityKind kind : EntityKind.values()) {
                for (Entity entity : account.entities(kind).values()) {
                    entity.attached.forEach(arn -> account.attachments
                            .computeIfAbsent(arn, a -> new java.util.LinkedHashSet<>()).add(entity));
                    state.publish(entity);
                }
            }
        }
    }

    private static String accountOf(byte[] key) {
        String text = new String(key, StandardCharsets.UTF_8);
        return text.substring(0, text.indexOf('\0'));
    }

    /** The session-sealing key: read from the store, or made and written on the first start. */
    static byte[] sessionKey(IamStoreLayout layout) {
        byte[] key = layout.store.get(layout.meta, IamStoreLayout.SESSION_KEY);
        if (key == null) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            layout.store.commit(new WriteBatch().put(layout.meta, IamStoreLayout.SESSION_KEY, key));
        }
        return key;
    }
}
