package io.wharf.iam.engine;

import io.wharf.iam.IamErrors;

import java.util.ArrayList;
import java.util.List;

/**
 * Managed policy versions: CreatePolicyVersion (at most five kept, numbers never reused), GetPolicyVersion,
 * ListPolicyVersions, DeletePolicyVersion (not the default), SetDefaultPolicyVersion. AWS managed policies' versions
 * can be read, not changed.
 */
public final class PolicyVersions {
    private final IamState state;
    private final ManagedPolicies policies;

    PolicyVersions(IamState state, ManagedPolicies policies) {
        this.state = state;
        this.policies = policies;
    }

    public PolicyVersion createVersion(String accountId, String policyArn, String document, boolean setAsDefault) {
        PolicyText text = policies.sized(document);
        return state.write(batch -> {
            ManagedPolicyState policy = policies.changeable(state.account(accountId, batch), policyArn,
                    "Cannot update policies outside your own account.");
            if (policy.versions.size() >= state.limits.versionsPerPolicy()) {
                throw IamErrors.LIMIT_EXCEEDED.error("A managed policy can have up to "
                        + state.limits.versionsPerPolicy() + " versions. Before you create a new version, you must "
                        + "delete an existing version.");
            }
            String versionId = "v" + policy.nextVersion++;
            policy.versions.put(versionId, new ManagedPolicyState.VersionState(versionId, text, state.now()));
            if (setAsDefault) {
                policy.defaultVersionId = versionId;
                policy.updated = state.now();
            }
            state.layout.put(batch, policy);
            return policy.view(policy.versions.get(versionId));
        });
    }

    public PolicyVersion getVersion(String accountId, String policyArn, String versionId) {
        return state.read(() -> {
            ManagedPolicyState policy = ManagedPolicies.lookup(state.account(accountId), policyArn);
            return policy.view(version(policy, policyArn, versionId));
        });
    }

    private static ManagedPolicyState.VersionState version(ManagedPolicyState policy, String policyArn,
                                                           String versionId) {
        ManagedPolicyState.VersionState version = policy == null ? null : policy.versions.get(versionId);
        if (version == null) {
            throw IamErrors.NO_SUCH_ENTITY.error("Policy " + policyArn + " version " + versionId
                    + " does not exist or is not attachable.");
        }
        return version;
    }

    /** The versions, newest first (as AWS lists them), without their documents. */
    public Page<PolicyVersion> listVersions(String accountId, String policyArn, String marker, Integer maxItems) {
        return state.read(() -> {
            ManagedPolicyState policy = policies.policy(state.account(accountId), policyArn);
            List<PolicyVersion> versions = new ArrayList<>();
            policy.versions.values().forEach(v -> versions.add(0, new PolicyVersion(v.versionId(), null,
                    v.versionId().equals(policy.defaultVersionId), v.created())));
            return Page.byPosition(versions, marker, maxItems);
        });
    }

    public void deleteVersion(String accountId, String policyArn, String versionId) {
        state.run(batch -> {
            ManagedPolicyState policy = policies.changeable(state.account(accountId, batch), policyArn,
                    "Cannot delete policy versions for policies outside your own account.");
            version(policy, policyArn, versionId);
            if (versionId.equals(policy.defaultVersionId)) {
                throw IamErrors.DELETE_CONFLICT.error("Cannot delete the default version of a policy.");
            }
            policy.versions.remove(versionId);
            state.layout.put(batch, policy);
        });
    }

    public void setDefaultVersion(String accountId, String policyArn, String versionId) {
        state.run(batch -> {
            ManagedPolicyState policy = policies.changeable(state.account(accountId, batch), policyArn,
                    "Cannot update policies outside your own account.");
            version(policy, policyArn, versionId);
            policy.defaultVersionId = versionId;
            policy.updated = state.now();
            state.layout.put(batch, policy);
        });
    }
}
