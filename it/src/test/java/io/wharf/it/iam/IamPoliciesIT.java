package io.wharf.it.iam;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles, inline and managed policies, role sessions and simulation through the SDK. Everything here stores a policy
 * document, so it needs the policy parser; the simulations need the evaluator.
 */
class IamPoliciesIT extends IamTestBase {

    @Test
    void roleLifecycle() {
        String name = unique("app");
        Role created = iam.createRole(r -> r.roleName(name).path("/svc/").assumeRolePolicyDocument(TRUST)
                .description("the app").tags(Tag.builder().key("env").value("dev").build())).role();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/svc/" + name);
        assertThat(created.roleId()).startsWith("AROA");
        assertThat(decoded(created.assumeRolePolicyDocument())).isEqualTo(TRUST);
        assertThat(created.maxSessionDuration()).isNull();
        Role got = iam.getRole(r -> r.roleName(name)).role();
        assertThat(got.maxSessionDuration()).isEqualTo(3600);
        assertThat(got.tags()).extracting(Tag::key).containsExactly("env");
        assertError(error(() -> iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST))),
                "EntityAlreadyExists", 409, "Role with name " + name + " already exists.");
        assertError(error(() -> iam.createRole(r -> r.roleName(unique("r")).assumeRolePolicyDocument(TRUST)
                .maxSessionDuration(60))), "ValidationError", 400, "1 validation error detected: Value at "
                + "'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600");
        assertError(error(() -> iam.createRole(r -> r.roleName(unique("r")).assumeRolePolicyDocument("{not json"))),
                "MalformedPolicyDocument", 400, null);

        iam.updateRole(r -> r.roleName(name).maxSessionDuration(7200).description("new"));
        iam.updateAssumeRolePolicy(r -> r.roleName(name).policyDocument(TRUST.replace("root", "user/x")));
        Role updated = iam.getRole(r -> r.roleName(name)).role();
        assertThat(updated.maxSessionDuration()).isEqualTo(7200);
        assertThat(updated.description()).isEqualTo("new");
        assertThat(decoded(updated.assumeRolePolicyDocument())).contains("user/x");
        assertThat(iam.listRoles(r -> r.pathPrefix("/svc/")).roles()).extracting(Role::roleName).contains(name);
        iam.tagRole(r -> r.roleName(name).tags(Tag.builder().key("Env").value("prod").build()));
        assertThat(iam.listRoleTags(r -> r.roleName(name)).tags()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Env", "prod"));
        iam.untagRole(r -> r.roleName(name).tagKeys("env"));

        iam.putRolePolicy(r -> r.roleName(name).policyName("inline").policyDocument(allow("sqs:*")));
        assertError(error(() -> iam.deleteRole(r -> r.roleName(name))), "DeleteConflict", 409,
                "Cannot delete entity, must delete policies first.");
        iam.deleteRolePolicy(r -> r.roleName(name).policyName("inline"));
        iam.deleteRole(r -> r.roleName(name));
        assertError(error(() -> iam.getRole(r -> r.roleName(name))), "NoSuchEntity", 404,
                "The role with name " + name + " cannot be found.");
    }

    @Test
    void inlinePoliciesOfUsersGroupsAndRoles() {
        String user = unique("u");
        String group = unique("g");
        iam.createUser(r -> r.userName(user));
        iam.createGroup(r -> r.groupName(group));
        String document = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", "
                + "\"Action\": \"sqs:SendMessage\", \"Resource\": \"*\"}]\n}";
        iam.putUserPolicy(r -> r.userName(user).policyName("send").policyDocument(document));
        var got = iam.getUserPolicy(r -> r.userName(user).policyName("send"));
        assertThat(got.userName()).isEqualTo(user);
        assertThat(decoded(got.policyDocument())).isEqualTo(document); // as given, whitespace included
        assertThat(iam.listUserPolicies(r -> r.userName(user)).policyNames()).containsExactly("send");
        assertError(error(() -> iam.getUserPolicy(r -> r.userName(user).policyName("nope"))), "NoSuchEntity", 404,
                "The user policy with name nope cannot be found.");
        assertError(error(() -> iam.putUserPolicy(r -> r.userName(user).policyName("bad").policyDocument("nope"))),
                "MalformedPolicyDocument", 400, null);
        iam.putGroupPolicy(r -> r.groupName(group).policyName("g").policyDocument(allow("sns:*")));
        assertThat(decoded(iam.getGroupPolicy(r -> r.groupName(group).policyName("g")).policyDocument()))
                .contains("sns:*");
        assertThat(iam.listGroupPolicies(r -> r.groupName(group)).policyNames()).containsExactly("g");
        iam.deleteGroupPolicy(r -> r.groupName(group).policyName("g"));
        iam.deleteUserPolicy(r -> r.userName(user).policyName("send"));
        assertThat(iam.listUserPolicies(r -> r.userName(user)).policyNames()).isEmpty();
    }

    @Test
    void managedPoliciesAndVersions() {
        String name = unique("policy");
        var policy = iam.createPolicy(r -> r.policyName(name).path("/team/").policyDocument(allow("sqs:*"))
                .description("d")).policy();
        assertThat(policy.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":policy/team/" + name);
        assertThat(policy.defaultVersionId()).isEqualTo("v1");
        assertThat(policy.attachmentCount()).isZero();
        assertError(error(() -> iam.createPolicy(r -> r.policyName(name).policyDocument(allow("sqs:*")))),
                "EntityAlreadyExists", 409, "A policy called " + name + " already exists. Duplicate names are not allowed.");
        for (int i = 2; i <= 5; i++) {
            boolean makeDefault = i == 4;
            PolicyVersion v = iam.createPolicyVersion(r -> r.policyArn(policy.arn()).policyDocument(allow("sns:*"))
                    .setAsDefault(makeDefault)).policyVersion();
            assertThat(v.versionId()).isEqualTo("v" + i);
        }
        assertError(error(() -> iam.createPolicyVersion(r -> r.policyArn(policy.arn()).policyDocument(allow("x:y")))),
                "LimitExceeded", 409, "A managed policy can have up to 5 versions. Before you create a new version, "
                        + "you must delete an existing version.");
        assertThat(iam.getPolicy(r -> r.policyArn(policy.arn())).policy().defaultVersionId()).isEqualTo("v4");
        assertThat(decoded(iam.getPolicyVersion(r -> r.policyArn(policy.arn()).versionId("v1")).policyVersion()
                .document())).isEqualTo(allow("sqs:*"));
        assertThat(iam.listPolicyVersions(r -> r.policyArn(policy.arn())).versions()).extracting(PolicyVersion::versionId)
                .containsExactly("v5", "v4", "v3", "v2", "v1");
        assertError(error(() -> iam.deletePolicyVersion(r -> r.policyArn(policy.arn()).versionId("v4"))),
                "DeleteConflict", 409, "Cannot delete the default version of a policy.");
        iam.setDefaultPolicyVersion(r -> r.policyArn(policy.arn()).versionId("v1"));
        iam.tagPolicy(r -> r.policyArn(policy.arn()).tags(Tag.builder().key("team").value("a").build()));
        assertThat(iam.listPolicyTags(r -> r.policyArn(policy.arn())).tags()).extracting(Tag::key).containsExactly("team");
        iam.untagPolicy(r -> r.policyArn(policy.arn()).tagKeys("team"));
        assertThat(iam.listPolicyTags(r -> r.policyArn(policy.arn())).tags()).isEmpty();
        String role = unique("r");
        iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument(TRUST));
        iam.attachRolePolicy(r -> r.roleName(role).policyArn(policy.arn()));
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName(role)).attachedPolicies()).hasSize(1);
        assertThat(iam.listEntitiesForPolicy(r -> r.policyArn(policy.arn())).policyRoles()).hasSize(1);
        assertThat(iam.listPolicies(r -> r.scope("Local").pathPrefix("/team/")).policies())
                .anyMatch(p -> p.arn().equals(policy.arn()) && p.attachmentCount() == 1);
        assertError(error(() -> iam.deletePolicy(r -> r.policyArn(policy.arn()))), "DeleteConflict", 409,
                "Cannot delete a policy attached to entities.");
        iam.detachRolePolicy(r -> r.roleName(role).policyArn(policy.arn()));
        for (String v : new String[] {"v2", "v3", "v4", "v5"}) {
            iam.deletePolicyVersion(r -> r.policyArn(policy.arn()).versionId(v));
        }
        iam.deletePolicy(r -> r.policyArn(policy.arn()));
        assertError(error(() -> iam.getPolicy(r -> r.policyArn(policy.arn()))), "NoSuchEntity", 404,
                "Policy " + policy.arn() + " was not found.");
    }

    @Test
    void assumeRoleGivesAwsShapedCredentials() {
        String name = unique("assumable");
        Role role = iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST).maxSessionDuration(7200)).role();
        AssumeRoleResponse session = sts.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("build-1")
                .durationSeconds(7200).policy(allow("sqs:*")).tags(
                        software.amazon.awssdk.services.sts.model.Tag.builder().key("ci").value("yes").build()));
        assertThat(session.credentials().accessKeyId()).startsWith("ASIA");
        assertThat(session.credentials().sessionToken()).isNotBlank();
        assertThat(session.assumedRoleUser().assumedRoleId()).isEqualTo(role.roleId() + ":build-1");
        assertThat(session.assumedRoleUser().arn())
                .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + name + "/build-1");
        assertThat(session.packedPolicySize()).isPositive();
        assertError(error(() -> sts.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("s2")
                .durationSeconds(7300))), "ValidationError", 400,
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        assertError(error(() -> sts.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("s2").policy("{bad"))),
                "MalformedPolicyDocument", 400, null);
    }

    @Test
    void simulationsAnswerPerActionAndResource() {
        String user = unique("sim");
        iam.createUser(r -> r.userName(user));
        iam.putUserPolicy(r -> r.userName(user).policyName("p").policyDocument(allow("sqs:SendMessage")));
        String arn = iam.getUser(r -> r.userName(user)).user().arn();
        var results = iam.simulatePrincipalPolicy(r -> r.policySourceArn(arn)
                .actionNames("sqs:SendMessage", "sqs:DeleteQueue")).evaluationResults();
        assertThat(results).extracting(EvaluationResult::evalActionName, EvaluationResult::evalDecision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sqs:SendMessage", PolicyEvaluationDecisionType.ALLOWED),
                        org.assertj.core.groups.Tuple.tuple("sqs:DeleteQueue", PolicyEvaluationDecisionType.IMPLICIT_DENY));
        var custom = iam.simulateCustomPolicy(r -> r.policyInputList(allow("sns:*"))
                .actionNames("sns:Publish")).evaluationResults();
        assertThat(custom.get(0).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    }
}
