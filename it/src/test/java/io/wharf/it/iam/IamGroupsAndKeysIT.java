package io.wharf.it.iam;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.GetGroupResponse;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.User;

import static org.assertj.core.api.Assertions.assertThat;

/** Groups, access keys and AWS managed policies through the SDK (none of which stores a policy document). */
class IamGroupsAndKeysIT extends IamTestBase {
    private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    @Test
    void groupsAndMembership() {
        String group = unique("devs");
        String user = unique("bob");
        Group created = iam.createGroup(r -> r.groupName(group).path("/eng/")).group();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":group/eng/" + group);
        assertThat(created.groupId()).startsWith("AGPA");
        assertError(error(() -> iam.createGroup(r -> r.groupName(group))), "EntityAlreadyExists", 409,
                "Group with name " + group + " already exists.");
        iam.createUser(r -> r.userName(user));
        iam.addUserToGroup(r -> r.groupName(group).userName(user));
        iam.addUserToGroup(r -> r.groupName(group).userName(user));
        GetGroupResponse got = iam.getGroup(r -> r.groupName(group));
        assertThat(got.group().groupName()).isEqualTo(group);
        assertThat(got.users()).extracting(User::userName).containsExactly(user);
        assertThat(got.isTruncated()).isFalse();
        assertThat(iam.listGroupsForUser(r -> r.userName(user)).groups()).extracting(Group::groupName)
                .containsExactly(group);
        assertThat(iam.listGroups(r -> r.pathPrefix("/eng/")).groups()).extracting(Group::groupName).contains(group);
        assertError(error(() -> iam.deleteGroup(r -> r.groupName(group))), "DeleteConflict", 409,
                "Cannot delete entity, must remove users from group first.");
        iam.removeUserFromGroup(r -> r.groupName(group).userName(user));
        iam.removeUserFromGroup(r -> r.groupName(group).userName(user));
        String renamed = group + "-2";
        iam.updateGroup(r -> r.groupName(group).newGroupName(renamed));
        iam.deleteGroup(r -> r.groupName(renamed));
        assertError(error(() -> iam.getGroup(r -> r.groupName(renamed))), "NoSuchEntity", 404,
                "The group with name " + renamed + " cannot be found.");
        assertError(error(() -> iam.addUserToGroup(r -> r.groupName(renamed).userName(user))), "NoSuchEntity", 404,
                "The group with name " + renamed + " cannot be found.");
    }

    @Test
    void accessKeysLifecycleAndLimit() {
        String user = unique("keys");
        iam.createUser(r -> r.userName(user));
        assertThat(iam.listAccessKeys(r -> r.userName(user)).accessKeyMetadata()).isEmpty();
        AccessKey first = iam.createAccessKey(r -> r.userName(user)).accessKey();
        assertThat(first.accessKeyId()).startsWith("AKIA").hasSize(20);
        assertThat(first.secretAccessKey()).hasSize(40);
        assertThat(first.status()).isEqualTo(StatusType.ACTIVE);
        assertThat(first.userName()).isEqualTo(user);
        assertThat(sts.getAccessKeyInfo(r -> r.accessKeyId(first.accessKeyId())).account()).isEqualTo(ACCOUNT);
        iam.createAccessKey(r -> r.userName(user));
        assertError(error(() -> iam.createAccessKey(r -> r.userName(user))), "LimitExceeded", 409,
                "Cannot exceed quota for AccessKeysPerUser: 2");

        iam.updateAccessKey(r -> r.userName(user).accessKeyId(first.accessKeyId()).status(StatusType.INACTIVE));
        assertThat(iam.listAccessKeys(r -> r.userName(user)).accessKeyMetadata())
                .filteredOn(k -> k.accessKeyId().equals(first.accessKeyId()))
                .extracting(AccessKeyMetadata::status).containsExactly(StatusType.INACTIVE);
        var lastUsed = iam.getAccessKeyLastUsed(r -> r.accessKeyId(first.accessKeyId()));
        assertThat(lastUsed.userName()).isEqualTo(user);
        assertThat(lastUsed.accessKeyLastUsed().serviceName()).isEqualTo("N/A");
        assertThat(lastUsed.accessKeyLastUsed().region()).isEqualTo("N/A");

        iam.deleteAccessKey(r -> r.userName(user).accessKeyId(first.accessKeyId()));
        assertError(error(() -> iam.updateAccessKey(r -> r.userName(user).accessKeyId(first.accessKeyId())
                .status(StatusType.ACTIVE))), "NoSuchEntity", 404,
                "The Access Key with id " + first.accessKeyId() + " cannot be found.");
        assertError(error(() -> iam.getAccessKeyLastUsed(r -> r.accessKeyId(first.accessKeyId()))), "AccessDenied",
                403, null);
        assertError(error(() -> iam.createAccessKey(r -> r.userName(unique("ghost")))), "NoSuchEntity", 404, null);
    }

    @Test
    void theRootCanHaveKeysOfItsOwn() {
        AccessKey root = iam.createAccessKey(r -> { }).accessKey();
        assertThat(root.userName()).isNull();
        assertThat(iam.listAccessKeys(r -> { }).accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId)
                .contains(root.accessKeyId());
        iam.deleteAccessKey(r -> r.accessKeyId(root.accessKeyId()));
    }

    @Test
    void awsManagedPoliciesAttachAndCount() {
        String user = unique("reader");
        String group = unique("readers");
        iam.createUser(r -> r.userName(user));
        iam.createGroup(r -> r.groupName(group));
        Policy before = iam.getPolicy(r -> r.policyArn(READ_ONLY)).policy();
        assertThat(before.policyName()).isEqualTo("ReadOnlyAccess");
        assertThat(before.policyId()).startsWith("ANPA");
        assertThat(before.defaultVersionId()).isEqualTo("v1");
        assertThat(before.isAttachable()).isTrue();

        iam.attachUserPolicy(r -> r.userName(user).policyArn(READ_ONLY));
        iam.attachGroupPolicy(r -> r.groupName(group).policyArn(READ_ONLY));
        assertThat(iam.listAttachedUserPolicies(r -> r.userName(user)).attachedPolicies())
                .extracting(AttachedPolicy::policyName, AttachedPolicy::policyArn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ReadOnlyAccess", READ_ONLY));
        assertThat(iam.getPolicy(r -> r.policyArn(READ_ONLY)).policy().attachmentCount())
                .isEqualTo(before.attachmentCount() + 2);
        ListEntitiesForPolicyResponse entities = iam.listEntitiesForPolicy(r -> r.policyArn(READ_ONLY));
        assertThat(entities.policyUsers()).anyMatch(u -> u.userName().equals(user));
        assertThat(entities.policyGroups()).anyMatch(g -> g.groupName().equals(group));
        assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.AWS)).policies()).extracting(Policy::policyName)
                .contains("AdministratorAccess", "ReadOnlyAccess", "AmazonSQSFullAccess", "AmazonSNSFullAccess",
                        "AmazonKinesisFullAccess");
        assertThat(iam.listPolicies(r -> r.onlyAttached(true)).policies()).extracting(Policy::arn).contains(READ_ONLY);
        assertThat(iam.getPolicyVersion(r -> r.policyArn("arn:aws:iam::aws:policy/AmazonSQSFullAccess")
                .versionId("v1")).policyVersion().document()).satisfies(d -> assertThat(decoded(d)).contains("sqs:*"));

        assertError(error(() -> iam.attachUserPolicy(r -> r.userName(user)
                        .policyArn("arn:aws:iam::aws:policy/NoSuchPolicy"))), "NoSuchEntity", 404,
                "Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.");
        assertError(error(() -> iam.deletePolicy(r -> r.policyArn(READ_ONLY))), "AccessDenied", 403,
                "Cannot delete policies outside your own account.");
        assertError(error(() -> iam.getPolicy(r -> r.policyArn("not-an-arn-but-long-enough"))), "ValidationError",
                400, "ARN not-an-arn-but-long-enough is not valid.");
        iam.detachUserPolicy(r -> r.userName(user).policyArn(READ_ONLY));
        iam.detachGroupPolicy(r -> r.groupName(group).policyArn(READ_ONLY));
        assertError(error(() -> iam.detachUserPolicy(r -> r.userName(user).policyArn(READ_ONLY))), "NoSuchEntity",
                404, "Policy " + READ_ONLY + " was not found.");
    }
}
