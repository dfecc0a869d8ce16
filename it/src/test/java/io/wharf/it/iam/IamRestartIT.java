package io.wharf.it.iam;

import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What IAM was told comes back after a restart on the same data directory. */
class IamRestartIT {
    @TempDir
    Path dataDir;

    private Wharf start() {
        return Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).build());
    }

    @Test
    void usersGroupsKeysAndAttachmentsSurviveARestart() {
        User alice;
        AccessKey key;
        try (Wharf wharf = start(); IamClient iam = Clients.iam(URI.create(wharf.endpoint()))) {
            alice = iam.createUser(r -> r.userName("alice").path("/team/")
                    .tags(Tag.builder().key("env").value("dev").build())).user();
            iam.createUser(r -> r.userName("gone"));
            iam.deleteUser(r -> r.userName("gone"));
            iam.createGroup(r -> r.groupName("devs"));
            iam.addUserToGroup(r -> r.groupName("devs").userName("alice"));
            key = iam.createAccessKey(r -> r.userName("alice")).accessKey();
            iam.attachUserPolicy(r -> r.userName("alice").policyArn("arn:aws:iam::aws:policy/AmazonSQSFullAccess"));
        }
        try (Wharf wharf = start(); IamClient iam = Clients.iam(URI.create(wharf.endpoint()))) {
            User found = iam.getUser(r -> r.userName("alice")).user();
            assertThat(found.userId()).isEqualTo(alice.userId());
            assertThat(found.arn()).isEqualTo(alice.arn());
            assertThat(found.createDate()).isEqualTo(alice.createDate());
            assertThat(found.tags()).extracting(Tag::key).containsExactly("env");
            assertThat(iam.listUsers(r -> { }).users()).extracting(User::userName).containsExactly("alice");
            assertThat(iam.listGroupsForUser(r -> r.userName("alice")).groups()).extracting(Group::groupName)
                    .containsExactly("devs");
            assertThat(iam.listAccessKeys(r -> r.userName("alice")).accessKeyMetadata())
                    .extracting(k -> k.accessKeyId()).containsExactly(key.accessKeyId());
            assertThat(iam.listAttachedUserPolicies(r -> r.userName("alice")).attachedPolicies())
                    .extracting(p -> p.policyName()).containsExactly("AmazonSQSFullAccess");
        }
    }

    @Test
    void rolesAndPoliciesSurviveARestart() { // stores policy documents: needs the policy parser
        String trust = IamTestBase.TRUST;
        String arn;
        try (Wharf wharf = start(); IamClient iam = Clients.iam(URI.create(wharf.endpoint()))) {
            iam.createRole(r -> r.roleName("app").assumeRolePolicyDocument(trust).maxSessionDuration(7200));
            iam.putRolePolicy(r -> r.roleName("app").policyName("inline").policyDocument(IamTestBase.allow("sqs:*")));
            arn = iam.createPolicy(r -> r.policyName("p").policyDocument(IamTestBase.allow("sns:*"))).policy().arn();
            iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(IamTestBase.allow("kinesis:*"))
                    .setAsDefault(true));
            iam.attachRolePolicy(r -> r.roleName("app").policyArn(arn));
        }
        try (Wharf wharf = start(); IamClient iam = Clients.iam(URI.create(wharf.endpoint()))) {
            assertThat(iam.getRole(r -> r.roleName("app")).role().maxSessionDuration()).isEqualTo(7200);
            assertThat(IamTestBase.decoded(iam.getRolePolicy(r -> r.roleName("app").policyName("inline"))
                    .policyDocument())).contains("sqs:*");
            var policy = iam.getPolicy(r -> r.policyArn(arn)).policy();
            assertThat(policy.defaultVersionId()).isEqualTo("v2");
            assertThat(policy.attachmentCount()).isEqualTo(1);
            assertThat(iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(IamTestBase.allow("a:b")))
                    .policyVersion().versionId()).isEqualTo("v3");
        }
    }
}
