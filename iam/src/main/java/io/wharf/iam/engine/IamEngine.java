package io.wharf.iam.engine;

import io.wharf.iam.AccountRoot;
import io.wharf.iam.policy.IdentityPolicies;
import io.wharf.protocol.auth.Principal;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * IAM's and STS's domain: accounts, users, groups, roles, access keys, inline and managed policies, tags, and STS
 * sessions. Pure Java over a {@link Store} and a {@link Clock}; no HTTP, no XML. One facade per family of actions
 * ({@link #users()}, {@link #roles()}, …) over one shared state ({@link IamState}: the locking and durability rules).
 */
public final class IamEngine {
    private final IamState state;
    private final Users users;
    private final Groups groups;
    private final Roles roles;
    private final AccessKeys accessKeys;
    private final InlinePolicies inlinePolicies;
    private final ManagedPolicies managedPolicies;
    private final PolicyVersions policyVersions;
    private final Attachments attachments;
    private final Sessions sessions;
    private final AppliedPolicies appliedPolicies;

    /**
     * Opens the engine on {@code store}, rebuilding its memory from it.
     *
     * @param roots the accounts' root keys from configuration (not stored; every account named exists)
     */
    public IamEngine(Store store, Clock clock, List<AccountRoot> roots) {
        this(store, clock, roots, IamLimits.AWS, new AccessKeyIds());
    }

    public IamEngine(Store store, Clock clock, List<AccountRoot> roots, IamLimits limits, AccessKeyIds ids) {
        IamStoreLayout layout = new IamStoreLayout(store);
        state = new IamState(layout, clock, ids, limits);
        Recovery.load(state);
        WriteBatch batch = new WriteBatch();
        for (AccountRoot root : roots) {
            state.account(root.accountId(), batch);
            state.keys.put(root.accessKeyId(), new AccessKey(root.accessKeyId(), root.secretAccessKey(),
                    root.accountId(), null, true, Instant.EPOCH));
        }
        if (!batch.isEmpty()) {
            store.commit(batch);
        }
        users = new Users(state);
        groups = new Groups(state);
        roles = new Roles(state);
        accessKeys = new AccessKeys(state);
        inlinePolicies = new InlinePolicies(state);
        managedPolicies = new ManagedPolicies(state);
        policyVersions = new PolicyVersions(state, managedPolicies);
        appliedPolicies = new AppliedPolicies(state);
        attachments = new Attachments(state);
        sessions = new Sessions(state, Recovery.sessionKey(layout));
    }

    public Users users() {
        return users;
    }

    public Groups groups() {
        return groups;
    }

    public Roles roles() {
        return roles;
    }

    public AccessKeys accessKeys() {
        return accessKeys;
    }

    public InlinePolicies inlinePolicies() {
        return inlinePolicies;
    }

    public ManagedPolicies managedPolicies() {
        return managedPolicies;
    }

    public PolicyVersions policyVersions() {
        return policyVersions;
    }

    public Attachments attachments() {
        return attachments;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** When an account was first seen (what GetUser answers as the root user's CreateDate). */
    public Instant accountCreated(String accountId) {
        return state.read(() -> state.account(accountId).created);
    }

    // ---------------------------------------------------------------- per request, lock-free

    /** The long-term key with this id (a user's or a root's, configured or made), or null. Lock-free. */
    public AccessKey accessKey(String accessKeyId) {
        return state.keys.get(accessKeyId);
    }

    /** The principal a long-term key stands for, or null when its user is gone. Lock-free. */
    public Principal principalOf(AccessKey key) {
        if (key.userId() == null) {
            return Principal.root(key.accountId(), key.accessKeyId());
        }
        Principal user = state.userPrincipals.get(key.userId());
        return user == null ? null : new Principal(Principal.Type.USER, user.accountId(), user.arn(), user.userId(),
                user.name(), key.accessKeyId(), null, null, user.tags());
    }

    // ---------------------------------------------------------------- policies that apply

    /**
     * The identity-based policies of a principal: a user's inline and attached policies and those of its groups; a
     * role session's role's. Root, services and anonymous callers have none ({@link IdentityPolicies#NONE}).
     */
    public IdentityPolicies identityPolicies(Principal principal) {
        return appliedPolicies.of(principal);
    }

    /** The identity-based policies of the user, group or role an ARN names, or null when there is none. */
    public IdentityPolicies identityPolicies(String entityArn) {
        return appliedPolicies.of(entityArn);
    }

    /**
     * The ARN of a user, group or role of an account: the existing one's (its path included), or with path "/" for one
     * that does not exist (yet).
     */
    public String entityArn(String accountId, EntityKind kind, String name) {
        return state.read(() -> {
            Entity entity = state.account(accountId).entities(kind).get(Account.key(name));
            return entity != null ? entity.arn() : Arns.entity(accountId, kind, "/", name);
        });
    }

    /** The tags of a user, role or customer managed policy ({@code aws:ResourceTag/…}); empty when none or unknown. */
    public java.util.Map<String, String> tagsOf(String resourceArn) {
        Arns.Parsed arn = Arns.parse(resourceArn);
        if (arn == null) {
            return java.util.Map.of();
        }
        return state.read(() -> {
            Account account = state.account(arn.accountId());
            if (arn.kind().equals("policy")) {
                ManagedPolicyState policy = account.policies.get(Account.key(arn.name()));
                return policy == null ? java.util.Map.<String, String>of() : java.util.Map.copyOf(policy.tags);
            }
            Entity entity = account.entities(EntityKind.valueOf(arn.kind().toUpperCase(java.util.Locale.ROOT)))
                    .get(Account.key(arn.name()));
            return entity == null ? java.util.Map.<String, String>of() : java.util.Map.copyOf(entity.tags);
        });
    }
}
