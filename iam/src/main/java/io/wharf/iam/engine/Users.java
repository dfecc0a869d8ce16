package io.wharf.iam.engine;

import io.wharf.iam.IamErrors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** IAM users: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser and their tags. */
public final class Users {
    private final IamState state;

    Users(IamState state) {
        this.state = state;
    }

    public User create(String accountId, String name, String path, List<Tag> tags) {
        Tags.checkDistinct(tags);
        return state.write(batch -> {
            Account account = state.account(accountId, batch);
            if (account.users.containsKey(Account.key(name))) {
                throw IamErrors.alreadyExists("User", name);
            }
            if (account.users.size() >= state.limits.usersPerAccount()) {
                throw IamErrors.quota("UsersPerAccount", state.limits.usersPerAccount());
            }
            UserState user = new UserState(accountId, state.ids.uniqueId("AIDA", accountId), name,
                    path == null ? "/" : path, state.now());
            Tags.apply(user.tags, tags, state.limits.tagsPerEntity(), "TagsPerUser");
            account.users.put(Account.key(name), user);
            state.usersById.put(user.id, user);
            state.publish(user);
            state.layout.put(batch, user);
            return user.view();
        });
    }

    public User get(String accountId, String name) {
        return state.read(() -> state.user(state.account(accountId), name).view());
    }

    /** The user with this unique id (a caller's), or null. */
    public User byId(String userId) {
        return state.read(() -> {
            UserState user = state.usersById.get(userId);
            return user == null ? null : user.view();
        });
    }

    public Page<User> list(String accountId, String pathPrefix, String marker, Integer maxItems) {
        return state.read(() -> Page.of(sorted(state.account(accountId).users.values(), pathPrefix),
                u -> Account.key(u.name()) + '\0' + u.name(), marker, maxItems));
    }

    static List<User> sorted(Iterable<UserState> users, String pathPrefix) {
        List<User> list = new ArrayList<>();
        for (UserState u : users) {
            if (pathPrefix == null || u.path.startsWith(pathPrefix)) {
                list.add(u.view());
            }
        }
        list.sort(Comparator.comparing((User u) -> Account.key(u.name())).thenComparing(User::name));
        return list;
    }

    public void update(String accountId, String name, String newPath, String newName) {
        state.run(batch -> {
            Account account = state.account(accountId, batch);
            UserState user = state.user(account, name);
            if (newName != null && !Account.key(newName).equals(Account.key(name))
                    && account.users.containsKey(Account.key(newName))) {
                throw IamErrors.alreadyExists("User", newName);
            }
            state.layout.delete(batch, user);
            account.users.remove(Account.key(user.name));
            if (newName != null) {
                user.name = newName;
            }
            if (newPath != null) {
                user.path = newPath;
            }
            account.users.put(Account.key(user.name), user);
            state.publish(user);
            state.layout.put(batch, user);
        });
    }

    /** Deletes a user that holds nothing any more (AWS's DeleteConflict otherwise, naming the first thing held). */
    public void delete(String accountId, String name) {
        state.run(batch -> {
            Account account = state.account(accountId, batch);
            UserState user = state.user(account, name);
            if (!user.keyIds.isEmpty()) {
                throw IamErrors.deleteConflict("delete access keys");
            }
            if (!user.groupIds.isEmpty()) {
                throw IamErrors.deleteConflict("remove users from group");
            }
            if (!user.inline.isEmpty()) {
                throw IamErrors.deleteConflict("delete policies");
            }
            if (!user.attached.isEmpty()) {
                throw IamErrors.deleteConflict("detach all policies");
            }
            account.users.remove(Account.key(user.name));
            state.usersById.remove(user.id);
            state.unpublish(user);
            state.layout.delete(batch, user);
        });
    }

    public void tag(String accountId, String name, List<Tag> tags) {
        state.run(batch -> {
            UserState user = state.user(state.account(accountId, batch), name);
            Tags.apply(user.tags, tags, state.limits.tagsPerEntity(), "TagsPerUser");
            state.publish(user);
            state.layout.put(batch, user);
        });
    }

    public void untag(String accountId, String name, List<String> keys) {
        state.run(batch -> {
            UserState user = state.user(state.account(accountId, batch), name);
            keys.forEach(k -> Tags.remove(user.tags, k));
            state.publish(user);
            state.layout.put(batch, user);
        });
    }

    public Page<Tag> tags(String accountId, String name, String marker, Integer maxItems) {
        return state.read(() -> Page.byPosition(state.user(state.account(accountId), name).view().tags(),
                marker, maxItems));
    }
}
