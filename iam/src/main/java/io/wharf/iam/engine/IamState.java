package io.wharf.iam.engine;

import io.wharf.iam.IamErrors;
import io.wharf.protocol.auth.Principal;
import io.wharf.storage.Commit;
import io.wharf.storage.WriteBatch;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The engine's state and the one discipline every change follows: under the write lock, check, change memory, put
 * the changed records in one batch and submit it; after the lock, await the commit, then answer. Reads take the read
 * lock. The credential index, the users' principals and the roles' session facts are concurrent maps of immutable
 * values besides, so the per-request credential lookup takes no lock at all.
 */
final class IamState {
    final IamStoreLayout layout;
    final Clock clock;
    final AccessKeyIds ids;
    final IamLimits limits;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Account> accounts = new HashMap<>();
    final Map<String, UserState> usersById = new HashMap<>();
    final Map<String, GroupState> groupsById = new HashMap<>();
    final Map<String, RoleState> rolesById = new HashMap<>();

    /** Access key id → key: every long-term key, configured root keys included. */
    final Map<String, AccessKey> keys = new ConcurrentHashMap<>();
    /** User id → the user's principal without an access key. */
    final Map<String, Principal> userPrincipals = new ConcurrentHashMap<>();
    /** Role id → what a session of the role needs to know about it (present while the role exists). */
    final Map<String, RoleFacts> roleFacts = new ConcurrentHashMap<>();

    /** A role as its sessions see it: a session of a deleted or re-created role is no longer valid. */
    record RoleFacts(String roleId, String accountId, String roleArn, String roleName, int maxSessionDurationSeconds,
                     Map<String, String> tags) {
    }

    IamState(IamStoreLayout layout, Clock clock, AccessKeyIds ids, IamLimits limits) {
        this.layout = layout;
        this.clock = clock;
        this.ids = ids;
        this.limits = limits;
    }

    /** Now, to the second: IAM's dates carry no fraction. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    <T> T read(Supplier<T> query) {
        lock.readLock().lock();
        try {
            return query.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Function<WriteBatch, T> change) {
        Commit commit;
        T result;
        lock.writeLock().lock();
        try {
            WriteBatch batch = new WriteBatch();
            result = change.apply(batch);
            commit = batch.isEmpty() ? Commit.DONE : layout.store.submit(batch);
        } finally {
            lock.writeLock().unlock();
        }
        commit.await();
        return result;
    }

    void run(java.util.function.Consumer<WriteBatch> change) {
        write(batch -> {
            change.accept(batch);
            return null;
        });
    }

    /**
     * The account a change is made in, made on first use: every 12-digit account a caller acts in exists. Its record
     * goes into every batch that changes it (a few bytes), so an account made by a change that was then refused is
     * still written by the next change that succeeds.
     */
    Account account(String accountId, WriteBatch batch) {
        Account account = accounts.computeIfAbsent(accountId, id -> new Account(id, now()));
        if (batch != null) {
            layout.putAccount(batch, account);
        }
        return account;
    }

    /** The account for reading: an account never written to reads as empty. */
    Account account(String accountId) {
        Account account = accounts.get(accountId);
        return account != null ? account : new Account(accountId, now());
    }

    void restore(Account account) {
        accounts.put(account.id, account);
    }

    Iterable<Account> accounts() {
        return accounts.values();
    }

    UserState user(Account account, String name) {
        UserState user = account.users.get(Account.key(name));
        if (user == null) {
            throw IamErrors.noSuchEntity("user", name);
        }
        return user;
    }

    GroupState group(Account account, String name) {
        GroupState group = account.groups.get(Account.key(name));
        if (group == null) {
            throw IamErrors.noSuchEntity("group", name);
        }
        return group;
    }

    RoleState role(Account account, String name) {
        RoleState role = account.roles.get(Account.key(name));
        if (role == null) {
            throw IamErrors.noSuchEntity("role", name);
        }
        return role;
    }

    Entity entity(Account account, EntityKind kind, String name) {
        return switch (kind) {
            case USER -> user(account, name);
            case GROUP -> group(account, name);
            case ROLE -> role(account, name);
        };
    }

    /** Keeps the lock-free views (principal, role facts) in step with an entity that was made or changed. */
    void publish(Entity entity) {
        switch (entity) {
            case UserState u -> userPrincipals.put(u.id, new Principal(Principal.Type.USER, u.accountId, u.arn(), u.id,
                    u.name, null, null, null, u.tags));
            case RoleState r -> roleFacts.put(r.id, new RoleFacts(r.id, r.accountId, r.arn(), r.name,
                    r.maxSessionDurationSeconds, Map.copyOf(r.tags)));
            default -> {
            }
        }
    }

    void unpublish(Entity entity) {
        userPrincipals.remove(entity.id);
        roleFacts.remove(entity.id);
    }
}
