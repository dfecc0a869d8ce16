package io.wharf.iam.engine;

import io.wharf.iam.IamErrors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Managed policies: CreatePolicy, GetPolicy, ListPolicies, DeletePolicy, Tag/Untag/ListPolicyTags (their versions:
 * {@link PolicyVersions}).
 * AWS managed policies can be read and attached, not changed.
 */
public final class ManagedPolicies {
    private final IamState state;

    ManagedPolicies(IamState state) {
        this.state = state;
    }

    /** ListPolicies' Scope. */
    public enum Scope { ALL, AWS, LOCAL }

    public ManagedPolicy create(String accountId, String name, String path, String document, String description,
                                List<Tag> tags) {
        Tags.checkDistinct(tags);
        PolicyText text = sized(document);
        return state.write(batch -> {
            Account account = state.account(accountId, batch);
            if (account.policies.containsKey(Account.key(name))) {
                throw IamErrors.ENTITY_ALREADY_EXISTS.error("A policy called " + name
                        + " already exists. Duplicate names are not allowed.");
            }
            if (account.policies.size() >= state.limits.policiesPerAccount()) {
                throw IamErrors.quota("PoliciesPerAccount", state.limits.policiesPerAccount());
            }
            ManagedPolicyState policy = new ManagedPolicyState(accountId, state.ids.uniqueId("ANPA", accountId), name,
                    path == null ? "/" : path, description, state.now());
            Tags.apply(policy.tags, tags, state.limits.tagsPerEntity(), "TagsPerPolicy");
            policy.versions.put("v1", new ManagedPolicyState.VersionState("v1", text, policy.created));
            policy.defaultVersionId = "v1";
            policy.nextVersion = 2;
            account.policies.put(Account.key(name), policy);
            state.layout.put(batch, policy);
            return policy.view(0);
        });
    }

    PolicyText sized(String document) {
        PolicyText text = PolicyText.validated(document, io.wharf.iam.policy.PolicyDocument.Kind.MANAGED);
        if (text.size() > state.limits.managedPolicyChars()) {
            throw IamErrors.quota("PolicySize", state.limits.managedPolicyChars());
        }
        return text;
    }

    public ManagedPolicy get(String accountId, String policyArn) {
        return state.read(() -> {
            Account account = state.account(accountId);
            return policy(account, policyArn).view(account.attachmentCount(policyArn));
        });
    }

    /**
     * The managed policy an ARN names, as the caller's account sees it: its own policies and AWS's.
     *
     * @throws io.wharf.protocol.AwsException NoSuchEntity "Policy X was not found.", ValidationError for a non-ARN
     */
    ManagedPolicyState policy(Account account, String policyArn) {
        ManagedPolicyState policy = lookup(account, policyArn);
        if (policy == null) {
            throw IamErrors.NO_SUCH_ENTITY.error("Policy " + policyArn + " was not found.");
        }
        return policy;
    }

    /** As {@link #policy} but null when it does not exist. */
    static ManagedPolicyState lookup(Account account, String policyArn) {
        Arns.Parsed arn = Arns.policy(policyArn);
        ManagedPolicyState policy = arn.accountId().equals(Arns.AWS_ACCOUNT) ? AwsManagedPolicies.get(policyArn)
                : arn.accountId().equals(account.id) ? account.policies.get(Account.key(arn.name())) : null;
        return policy != null && policy.path.equals(arn.path()) && policy.name.equals(arn.name()) ? policy : null;
    }

    public Page<ManagedPolicy> list(String accountId, Scope scope, boolean onlyAttached, String pathPrefix,
                                    String marker, Integer maxItems) {
        return state.read(() -> {
            Account account = state.account(accountId);
            List<ManagedPolicyState> candidates = new ArrayList<>();
            if (scope != Scope.LOCAL) {
                candidates.addAll(AwsManagedPolicies.all());
            }
            if (scope != Scope.AWS) {
                candidates.addAll(account.policies.values());
            }
            List<ManagedPolicy> list = new ArrayList<>();
            for (ManagedPolicyState p : candidates) {
                int attachments = account.attachmentCount(p.arn());
                if ((pathPrefix == null || p.path.startsWith(pathPrefix)) && (!onlyAttached || attachments > 0)) {
                    list.add(p.view(attachments));
                }
            }
            list.sort(Comparator.comparing(ManagedPolicy::arn));
            return Page.of(list, ManagedPolicy::arn, marker, maxItems);
        });
    }

    public void delete(String accountId, String policyArn) {
        state.run(batch -> {
            Account account = state.account(accountId, batch);
            ManagedPolicyState policy = changeable(account, policyArn, "Cannot delete policies outside your own account.");
            if (account.attachmentCount(policyArn) > 0) {
                throw IamErrors.DELETE_CONFLICT.error("Cannot delete a policy attached to entities.");
            }
            if (policy.versions.size() > 1) {
                throw IamErrors.DELETE_CONFLICT.error("This policy has more than one version. Before you delete a "
                        + "policy, you must delete the policy's versions. The default version is deleted with the policy.");
            }
            account.policies.remove(Account.key(policy.name));
            batch.delete(state.layout.policies, IamStoreLayout.nameKey(accountId, policy.name));
        });
    }

    /** A policy of the caller's own account; AWS's AccessDenied for an AWS managed one. */
    ManagedPolicyState changeable(Account account, String policyArn, String deniedMessage) {
        ManagedPolicyState policy = policy(account, policyArn);
        if (policy.awsManaged()) {
            throw IamErrors.ACCESS_DENIED.error(deniedMessage);
        }
        return policy;
    }

    public void tag(String accountId, String policyArn, List<Tag> tags) {
        state.run(batch -> {
            ManagedPolicyState policy = customerPolicy(state.account(accountId, batch), policyArn);
            Tags.apply(policy.tags, tags, state.limits.tagsPerEntity(), "TagsPerPolicy");
            state.layout.put(batch, policy);
        });
    }

    public void untag(String accountId, String policyArn, List<String> keys) {
        state.run(batch -> {
            ManagedPolicyState policy = customerPolicy(state.account(accountId, batch), policyArn);
            keys.forEach(k -> Tags.remove(policy.tags, k));
            state.layout.put(batch, policy);
        });
    }

    public Page<Tag> tags(String accountId, String policyArn, String marker, Integer maxItems) {
        return state.read(() -> Page.byPosition(Tag.list(customerPolicy(state.account(accountId), policyArn).tags),
                marker, maxItems));
    }

    /** Tags belong to customer managed policies only: an AWS managed one is "not found" here, as in AWS. */
    private ManagedPolicyState customerPolicy(Account account, String policyArn) {
        ManagedPolicyState policy = policy(account, policyArn);
        if (policy.awsManaged()) {
            throw IamErrors.NO_SUCH_ENTITY.error("Policy " + policyArn + " was not found.");
        }
        return policy;
    }
}
