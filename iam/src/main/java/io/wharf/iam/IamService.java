package io.wharf.iam;

import io.wharf.iam.engine.IamEngine;
import io.wharf.iam.operations.AddUserToGroup;
import io.wharf.iam.operations.AttachedPolicyOperations;
import io.wharf.iam.operations.CreateAccessKey;
import io.wharf.iam.operations.CreateGroup;
import io.wharf.iam.operations.CreatePolicy;
import io.wharf.iam.operations.CreatePolicyVersion;
import io.wharf.iam.operations.CreateRole;
import io.wharf.iam.operations.CreateUser;
import io.wharf.iam.operations.DeleteAccessKey;
import io.wharf.iam.operations.DeleteGroup;
import io.wharf.iam.operations.DeletePolicy;
import io.wharf.iam.operations.DeletePolicyVersion;
import io.wharf.iam.operations.DeleteRole;
import io.wharf.iam.operations.DeleteUser;
import io.wharf.iam.operations.GetAccessKeyLastUsed;
import io.wharf.iam.operations.GetGroup;
import io.wharf.iam.operations.GetPolicy;
import io.wharf.iam.operations.GetPolicyVersion;
import io.wharf.iam.operations.GetRole;
import io.wharf.iam.operations.GetUser;
import io.wharf.iam.operations.InlinePolicyOperations;
import io.wharf.iam.operations.ListAccessKeys;
import io.wharf.iam.operations.ListEntitiesForPolicy;
import io.wharf.iam.operations.ListGroups;
import io.wharf.iam.operations.ListGroupsForUser;
import io.wharf.iam.operations.ListPolicies;
import io.wharf.iam.operations.ListPolicyTags;
import io.wharf.iam.operations.ListPolicyVersions;
import io.wharf.iam.operations.ListRoleTags;
import io.wharf.iam.operations.ListRoles;
import io.wharf.iam.operations.ListUserTags;
import io.wharf.iam.operations.ListUsers;
import io.wharf.iam.operations.RemoveUserFromGroup;
import io.wharf.iam.operations.SetDefaultPolicyVersion;
import io.wharf.iam.operations.SimulateCustomPolicy;
import io.wharf.iam.operations.SimulatePrincipalPolicy;
import io.wharf.iam.operations.TagPolicy;
import io.wharf.iam.operations.TagRole;
import io.wharf.iam.operations.TagUser;
import io.wharf.iam.operations.UntagPolicy;
import io.wharf.iam.operations.UntagRole;
import io.wharf.iam.operations.UntagUser;
import io.wharf.iam.operations.UpdateAccessKey;
import io.wharf.iam.operations.UpdateAssumeRolePolicy;
import io.wharf.iam.operations.UpdateGroup;
import io.wharf.iam.operations.UpdateRole;
import io.wharf.iam.operations.UpdateUser;
import io.wharf.iam.policy.PolicyEvaluator;
import io.wharf.protocol.AwsService;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.auth.AccessCheck;
import io.wharf.protocol.model.ServiceModel;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS IAM as an {@link AwsService}: the engine and one operation per implemented action of the model. Actions left
 * out (login profiles, MFA, instance profiles, OIDC/SAML providers, certificates, reports, …) answer NotImplemented.
 */
public final class IamService implements AwsService {
    private final ServiceModel model = ServiceModel.fromClasspath("models/iam");
    private final IamEngine engine;
    private final Map<String, Operation> operations;

    public IamService(IamEngine engine, PolicyEvaluator evaluator) {
        this.engine = engine;
        Map<String, Operation> ops = new TreeMap<>();
        ops.put("CreateUser", new CreateUser(engine));
        ops.put("GetUser", new GetUser(engine));
        ops.put("ListUsers", new ListUsers(engine));
        ops.put("UpdateUser", new UpdateUser(engine));
        ops.put("DeleteUser", new DeleteUser(engine));
        ops.put("TagUser", new TagUser(engine));
        ops.put("UntagUser", new UntagUser(engine));
        ops.put("ListUserTags", new ListUserTags(engine));
        ops.put("CreateGroup", new CreateGroup(engine));
        ops.put("GetGroup", new GetGroup(engine));
        ops.put("ListGroups", new ListGroups(engine));
        ops.put("UpdateGroup", new UpdateGroup(engine));
        ops.put("DeleteGroup", new DeleteGroup(engine));
        ops.put("AddUserToGroup", new AddUserToGroup(engine));
        ops.put("RemoveUserFromGroup", new RemoveUserFromGroup(engine));
        ops.put("ListGroupsForUser", new ListGroupsForUser(engine));
        ops.put("CreateRole", new CreateRole(engine));
        ops.put("GetRole", new GetRole(engine));
        ops.put("ListRoles", new ListRoles(engine));
        ops.put("UpdateRole", new UpdateRole(engine));
        ops.put("UpdateAssumeRolePolicy", new UpdateAssumeRolePolicy(engine));
        ops.put("DeleteRole", new DeleteRole(engine));
        ops.put("TagRole", new TagRole(engine));
        ops.put("UntagRole", new UntagRole(engine));
        ops.put("ListRoleTags", new ListRoleTags(engine));
        ops.put("CreateAccessKey", new CreateAccessKey(engine));
        ops.put("ListAccessKeys", new ListAccessKeys(engine));
        ops.put("UpdateAccessKey", new UpdateAccessKey(engine));
        ops.put("DeleteAccessKey", new DeleteAccessKey(engine));
        ops.put("GetAccessKeyLastUsed", new GetAccessKeyLastUsed(engine));
        ops.put("CreatePolicy", new CreatePolicy(engine));
        ops.put("GetPolicy", new GetPolicy(engine));
        ops.put("ListPolicies", new ListPolicies(engine));
        ops.put("DeletePolicy", new DeletePolicy(engine));
        ops.put("CreatePolicyVersion", new CreatePolicyVersion(engine));
        ops.put("GetPolicyVersion", new GetPolicyVersion(engine));
        ops.put("ListPolicyVersions", new ListPolicyVersions(engine));
        ops.put("DeletePolicyVersion", new DeletePolicyVersion(engine));
        ops.put("SetDefaultPolicyVersion", new SetDefaultPolicyVersion(engine));
        ops.put("ListEntitiesForPolicy", new ListEntitiesForPolicy(engine));
        ops.put("TagPolicy", new TagPolicy(engine));
        ops.put("UntagPolicy", new UntagPolicy(engine));
        ops.put("ListPolicyTags", new ListPolicyTags(engine));
        ops.putAll(InlinePolicyOperations.all(engine));
        ops.putAll(AttachedPolicyOperations.all(engine));
        ops.put("SimulatePrincipalPolicy", new SimulatePrincipalPolicy(engine, evaluator));
        ops.put("SimulateCustomPolicy", new SimulateCustomPolicy(evaluator));
        this.operations = Map.copyOf(ops);
    }

    public IamEngine engine() {
        return engine;
    }

    @Override
    public ServiceModel model() {
        return model;
    }

    @Override
    public Map<String, Operation> operations() {
        return operations;
    }

    /** IAM's and STS's Query errors have no {@code <Detail/>}. */
    @Override
    public boolean queryErrorDetail() {
        return false;
    }

    @Override
    public ValidationErrors validationErrors() {
        return IamErrors.VALIDATION;
    }

    @Override
    public List<AccessCheck> accessChecks(String operation, Input input, RequestContext context) {
        return IamAccessChecks.of(engine, operation, input, context);
    }

    /** The tags of a user, role or customer managed policy, for {@code aws:ResourceTag/…}. */
    @Override
    public Map<String, String> resourceTags(String resourceArn) {
        return engine.tagsOf(resourceArn);
    }
}
