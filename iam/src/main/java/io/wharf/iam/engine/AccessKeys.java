package io.wharf.iam.engine;

import io.wharf.iam.IamErrors;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Long-term access keys of users and of account roots: CreateAccessKey, ListAccessKeys, UpdateAccessKey,
 * DeleteAccessKey, GetAccessKeyLastUsed. A null user name means the account's root user.
 */
public final class AccessKeys {
    private final IamState state;

    AccessKeys(IamState state) {
        this.state = state;
    }

    /** A key with the name of the user it belongs to (null for a root key). */
    public record OwnedKey(String userName, AccessKey key) {
    }

    public OwnedKey create(String accountId, String userName) {
        return state.write(batch -> {
            Account account = state.account(accountId, batch);
            UserState user = userName == null ? null : state.user(account, userName);
            Set<String> owned = user == null ? account.rootKeyIds : user.keyIds;
            if (owned.size() >= state.limits.accessKeysPerUser()) {
                throw IamErrors.quota("AccessKeysPerUser", state.limits.accessKeysPerUser());
            }
            AccessKey key = new AccessKey(state.ids.keyId("AKIA", accountId), state.ids.secret(), accountId,
                    user == null ? null : user.id, true, state.now());
            owned.add(key.accessKeyId());
            state.keys.put(key.accessKeyId(), key);
            state.layout.put(batch, key);
            return new OwnedKey(user == null ? null : user.name, key);
        });
    }

    public Page<OwnedKey> list(String accountId, String userName, String marker, Integer maxItems) {
        return state.read(() -> {
            Account account = state.account(accountId);
            UserState user = userName == null ? null : state.user(account, userName);
            List<OwnedKey> keys = new ArrayList<>();
            for (String id : user == null ? account.rootKeyIds : user.keyIds) {
                keys.add(new OwnedKey(user == null ? null : user.name, state.keys.get(id)));
            }
            return Page.byPosition(keys, marker, maxItems);
        });
    }

    public void update(String accountId, String userName, String accessKeyId, boolean active) {
        state.run(batch -> {
            AccessKey key = owned(state.account(accountId, batch), userName, accessKeyId);
            AccessKey changed = key.withActive(active);
            state.keys.put(accessKeyId, changed);
            state.layout.put(batch, changed);
        });
    }

    public void delete(String accountId, String userName, String accessKeyId) {
        state.run(batch -> {
            Account account = state.account(accountId, batch);
            AccessKey key = owned(account, userName, accessKeyId);
            if (key.userId() == null) {
                account.rootKeyIds.remove(accessKeyId);
            } else {
                state.usersById.get(key.userId()).keyIds.remove(accessKeyId);
            }
            state.keys.remove(accessKeyId);
            batch.delete(state.layout.keys, IamStoreLayout.text(accessKeyId));
        });
    }

    /** The key if it belongs to that user (or root) of that account; AWS's NoSuchEntity otherwise. */
    private AccessKey owned(Account account, String userName, String accessKeyId) {
        UserState user = userName == null ? null : state.user(account, userName);
        Set<String> owned = user == null ? account.rootKeyIds : user.keyIds;
        if (!owned.contains(accessKeyId)) {
            throw IamErrors.NO_SUCH_ENTITY.error("The Access Key with id " + accessKeyId + " cannot be found.");
        }
        return state.keys.get(accessKeyId);
    }

    /**
     * For GetAccessKeyLastUsed: the key (of any account) and its user's name, or null when Wharf has no such key
     * (AWS then answers AccessDenied, not NoSuchEntity).
     */
    public OwnedKey find(String accessKeyId) {
        return state.read(() -> {
            AccessKey key = state.keys.get(accessKeyId);
            if (key == null) {
                return null;
            }
            UserState user = key.userId() == null ? null : state.usersById.get(key.userId());
            return new OwnedKey(user == null ? null : user.name, key);
        });
    }
}
