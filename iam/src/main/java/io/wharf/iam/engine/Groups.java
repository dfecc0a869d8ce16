package io.wharf.iam.engine;

import io.wharf.iam.IamErrors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** IAM groups and their members: CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup, Add/RemoveUser… */
public final class Groups {
    private final IamState state;

    Groups(IamState state) {
        this.state = state;
    }

    /** A group with one page of its members. */
    public record GroupWithUsers(Group group, Page<User> users) {
    }

    public Group create(String accountId, String name, String path) {
        return state.write(batch -> {
            Account account = state.account(accountId, batch);
            if (account.groups.containsKey(Account.key(name))) {
                throw IamErrors.alreadyExists("Group", name);
            }
            if (account.groups.size() >= state.limits.groupsPerAccount()) {
                throw IamErrors.quota("GroupsPerAccount", state.limits.groupsPerAccount());
            }
            GroupState group = new GroupState(accountId, state.ids.uniqueId("AGPA", accountId), name,
                    path == null ? "/" : path, state.now());
            account.groups.put(Account.key(name), group);
            state.groupsById.put(group.id, group);
            state.layout.put(batch, group);
            return group.view();
        });
    }

    public GroupWithUsers get(String accountId, String name, String marker, Integer maxItems) {
        return state.read(() -> {
            GroupState group = state.group(state.account(accountId), name);
            List<User> members = new ArrayList<>();
            group.memberIds.forEach(id -> members.add(state.usersById.get(id).view()));
            return new GroupWithUsers(group.view(), Page.byPosition(members, marker, maxItems));
        });
    }

    public Page<Group> list(String accountId, String pathPrefix, String marker, Integer maxItems) {
        return state.read(() -> {
            List<Group> list = new ArrayList<>();
            for (GroupState g : state.account(accountId).groups.values()) {
                if (pathPrefix == null || g.path.startsWith(pathPrefix)) {
                    list.add(g.view());
                }
            }
            list.sort(Comparator.comparing((Group g) -> Account.key(g.name())).thenComparing(Group::name));
            return Page.of(list, g -> Account.key(g.name()) + '\0' + g.name(), marker, maxItems);
        });
    }

    public Page<Group> forUser(String accountId, String userName, String marker, Integer maxItems) {
        return state.read(() -> {
            UserState user = state.user(state.account(accountId), userName);
            List<Group> list = new ArrayList<>();
            user.groupIds.forEach(id -> list.add(state.groupsById.get(id).view()));
            return Page.byPosition(list, marker, maxItems);
        });
    }

    public void update(String accountId, String name, String newPath, String newName) {
        state.run(batch -> {
            Account account = state.account(accountId, batch);
            GroupState group = state.group(account, name);
            if (newName != null && !Account.key(newName).equals(Account.key(name))
                    && account.groups.containsKey(Account.key(newName))) {
                throw IamErrors.alreadyExists("Group", newName);
            }
            state.layout.delete(batch, group);
            account.groups.remove(Account.key(group.name));
            if (newName != null) {
                group.name = newName;
            }
            if (newPath != null) {
                group.path = newPath;
            }
            account.groups.put(Account.key(group.name), group);
            state.layout.put(batch, group);
        });
    }

    public void delete(String accountId, String name) {
        state.run(batch -> {
            Account account = state.account(accountId, batch);
            GroupState group = state.group(account, name);
            if (!group.memberIds.isEmpty()) {
                throw IamErrors.deleteConflict("remove users from group");
            }
            if (!group.inline.isEmpty()) {
                throw IamErrors.deleteConflict("delete policies");
            }
            if (!group.attached.isEmpty()) {
                throw IamErrors.deleteConflict("detach all policies");
            }
            account.groups.remove(Account.key(group.name));
            state.groupsById.remove(group.id);
            state.layout.delete(batch, group);
        });
    }

    /** Adds a user to a group; adding a member again changes nothing, as in AWS. */
    public void addUser(String accountId, String groupName, String userName) {
        state.run(batch -> {
            Account account = state.account(accountId, batch);
            GroupState group = state.group(account, groupName);
            UserState user = state.user(account, userName);
            if (group.memberIds.contains(user.id)) {
                return;
            }
            if (user.groupIds.size() >= state.limits.groupsPerUser()) {
                throw IamErrors.quota("GroupsPerUser", state.limits.groupsPerUser());
            }
            group.memberIds.add(user.id);
            user.groupIds.add(group.id);
            state.layout.put(batch, group);
        });
    }

    /** Removes a user from a group; removing a non-member succeeds, as in AWS. */
    public void removeUser(String accountId, String groupName, String userName) {
        state.run(batch -> {
            Account account = state.account(accountId, batch);
            GroupState group = state.group(account, groupName);
            UserState user = state.user(account, userName);
            if (group.memberIds.remove(user.id)) {
                user.groupIds.remove(group.id);
                state.layout.put(batch, group);
            }
        });
    }
}
