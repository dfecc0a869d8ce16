package io.wharf.iam.engine;

import io.wharf.iam.IamCredentials;
import io.wharf.protocol.auth.AuthException;
import io.wharf.protocol.auth.CredentialStore;
import io.wharf.protocol.auth.Principal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Roles, inline and managed policies, role sessions. These store policy documents, so they need the policy parser
 * ({@code PolicyDocument.parse}) to be written.
 */
class PoliciesAndRolesTest extends EngineFixture {
    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

    private static String allow(String action) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"*\"}]}";
    }

    @Test
    void rolesKeepTrustPolicyAndSessionLength() {
        Role role = engine.roles().create(ACCOUNT, "app", "/svc/", TRUST, "the app", null, List.of(new Tag("t", "1")));
        assertThat(role.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/svc/app");
        assertThat(role.id()).startsWith("AROA");
        assertThat(role.maxSessionDurationSeconds()).isEqualTo(3600);
        assertThat(role.trustPolicy()).isEqualTo(TRUST);
        error("EntityAlreadyExists", () -> engine.roles().create(ACCOUNT, "APP", null, TRUST, null, null, List.of()));
        error("MalformedPolicyDocument", () -> engine.roles().create(ACCOUNT, "bad", null, "{nope", null, null,
                List.of()));
        engine.roles().update(ACCOUNT, "app", null, 7200);
        assertThat(engine.roles().get(ACCOUNT, "app").maxSessionDurationSeconds()).isEqualTo(7200);
        assertThat(engine.roles().byArn(role.arn())).isNotNull();
        assertThat(engine.roles().byArn("arn:aws:iam::" + ACCOUNT + ":role/app")).isNull(); // the path is part of it
    }

    @Test
    void inlinePoliciesAreSizedPerEntityAndBlockDeletes() {
        engine.users().create(ACCOUNT, "u", null, List.of());
        engine.inlinePolicies().put(ACCOUNT, EntityKind.USER, "u", "sqs", ALLOW_SQS);
        engine.inlinePolicies().put(ACCOUNT, EntityKind.USER, "u", "sqs", ALLOW_SQS); // replaces, no double count
        assertThat(engine.inlinePolicies().get(ACCOUNT, EntityKind.USER, "u", "sqs").document()).isEqualTo(ALLOW_SQS);
        assertThat(engine.inlinePolicies().list(ACCOUNT, EntityKind.USER, "u", null, null).items())
                .containsExactly("sqs");
        assertThat(error("NoSuchEntity", () -> engine.inlinePolicies().get(ACCOUNT, EntityKind.USER, "u", "x"))
                .getMessage()).isEqualTo("The user policy with name x cannot be found.");
        String big = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sqs:*\","
                + "\"Resource\":\"arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + "q".repeat(2000) + "\"}]}";
        assertThat(error("LimitExceeded", () -> engine.inlinePolicies().put(ACCOUNT, EntityKind.USER, "u", "big",
                big)).getMessage()).isEqualTo("Maximum policy size of 2048 bytes exceeded for user u");
        assertThat(error("DeleteConflict", () -> engine.users().delete(ACCOUNT, "u")).getMessage())
                .isEqualTo("Cannot delete entity, must delete policies first.");
        engine.inlinePolicies().delete(ACCOUNT, EntityKind.USER, "u", "sqs");
        engine.users().delete(ACCOUNT, "u");
    }

    @Test
    void managedPolicyVersionsFollowAwsRules() {
        ManagedPolicy policy = engine.managedPolicies().create(ACCOUNT, "p", "/team/", allow("sqs:*"), "d", List.of());
        assertThat(policy.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":policy/team/p");
        assertThat(policy.id()).startsWith("ANPA");
        assertThat(policy.defaultVersionId()).isEqualTo("v1");
        assertThat(error("EntityAlreadyExists", () -> engine.managedPolicies().create(ACCOUNT, "P", "/", allow("a:b"),
                null, List.of())).getMessage()).isEqualTo("A policy called P already exists. Duplicate names are not allowed.");
        for (int v = 2; v <= 5; v++) {
            assertThat(engine.policyVersions().createVersion(ACCOUNT, policy.arn(), allow("sns:*"), v == 3).versionId())
                    .isEqualTo("v" + v);
        }
        assertThat(error("LimitExceeded", () -> engine.policyVersions().createVersion(ACCOUNT, policy.arn(),
                allow("sns:*"), false)).getMessage()).startsWith("A managed policy can have up to 5 versions.");
        assertThat(engine.managedPolicies().get(ACCOUNT, policy.arn()).defaultVersionId()).isEqualTo("v3");
        assertThat(error("DeleteConflict", () -> engine.policyVersions().deleteVersion(ACCOUNT, policy.arn(), "v3"))
                .getMessage()).isEqualTo("Cannot delete the default version of a policy.");
        engine.policyVersions().deleteVersion(ACCOUNT, policy.arn(), "v1");
        assertThat(engine.policyVersions().createVersion(ACCOUNT, policy.arn(), allow("kinesis:*"), false).versionId())
                .isEqualTo("v6"); // numbers are never reused
        assertThat(engine.policyVersions().listVersions(ACCOUNT, policy.arn(), null, null).items())
                .extracting(PolicyVersion::versionId).containsExactly("v6", "v5", "v4", "v3", "v2");
        assertThat(error("NoSuchEntity", () -> engine.policyVersions().getVersion(ACCOUNT, policy.arn(), "v1"))
                .getMessage()).isEqualTo("Policy " + policy.arn() + " version v1 does not exist or is not attachable.");
        engine.managedPolicies().tag(ACCOUNT, policy.arn(), List.of(new Tag("team", "a")));
        assertThat(engine.managedPolicies().tags(ACCOUNT, policy.arn(), null, null).items())
                .containsExactly(new Tag("team", "a"));
        assertThat(engine.tagsOf(policy.arn())).containsEntry("team", "a");
        engine.managedPolicies().untag(ACCOUNT, policy.arn(), List.of("TEAM"));
        engine.roles().create(ACCOUNT, "r", null, TRUST, null, null, List.of());
        engine.attachments().attach(ACCOUNT, EntityKind.ROLE, "r", policy.arn());
        assertThat(error("DeleteConflict", () -> engine.managedPolicies().delete(ACCOUNT, policy.arn())).getMessage())
                .isEqualTo("Cannot delete a policy attached to entities.");
        engine.attachments().detach(ACCOUNT, EntityKind.ROLE, "r", policy.arn());
        assertThat(error("DeleteConflict", () -> engine.managedPolicies().delete(ACCOUNT, policy.arn())).getMessage())
                .startsWith("This policy has more than one version.");
        for (String v : List.of("v2", "v4", "v5", "v6")) {
            engine.policyVersions().deleteVersion(ACCOUNT, policy.arn(), v);
        }
        engine.managedPolicies().delete(ACCOUNT, policy.arn());
        error("NoSuchEntity", () -> engine.managedPolicies().get(ACCOUNT, policy.arn()));
    }

    @Test
    void identityPoliciesOfAUserIncludeItsGroupsAndOfASessionItsRole() {
        engine.users().create(ACCOUNT, "u", null, List.of());
        engine.groups().create(ACCOUNT, "g", null);
        engine.groups().addUser(ACCOUNT, "g", "u");
        engine.inlinePolicies().put(ACCOUNT, EntityKind.USER, "u", "own", allow("sqs:SendMessage"));
        engine.inlinePolicies().put(ACCOUNT, EntityKind.GROUP, "g", "team", allow("sns:Publish"));
        engine.attachments().attach(ACCOUNT, EntityKind.GROUP, "g", ADMIN);
        Principal user = new IamCredentials(engine).find(engine.accessKeys().create(ACCOUNT, "u").key().accessKeyId(),
                null, clock.instant()).principal();
        assertThat(engine.identityPolicies(user).policies()).hasSize(3);
        assertThat(engine.identityPolicies(Principal.root(ACCOUNT, ROOT_KEY)).policies()).isEmpty();

        Role role = engine.roles().create(ACCOUNT, "r", null, TRUST, null, null, List.of());
        engine.inlinePolicies().put(ACCOUNT, EntityKind.ROLE, "r", "p", allow("kinesis:*"));
        Sessions.AssumedRole session = engine.sessions().assumeRole(user, role.arn(), "s1", null, null, List.of(),
                List.of());
        Principal assumed = new IamCredentials(engine).find(session.credentials().accessKeyId(),
                session.credentials().sessionToken(), clock.instant()).principal();
        assertThat(engine.identityPolicies(assumed).policies()).hasSize(1);
        assertThat(engine.identityPolicies(role.arn()).policies()).hasSize(1);
    }

    @Test
    void roleSessionsCarryTheRoleAndEndWithIt() {
        Role role = engine.roles().create(ACCOUNT, "app", "/svc/", TRUST, null, 7200, List.of(new Tag("env", "dev")));
        Principal root = Principal.root(ACCOUNT, ROOT_KEY);
        Sessions.AssumedRole session = engine.sessions().assumeRole(root, role.arn(), "build-1", 7200, ALLOW_SQS,
                List.of(new Tag("Env", "ci")), List.of());
        assertThat(session.assumedRoleId()).isEqualTo(role.id() + ":build-1");
        assertThat(session.arn()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/app/build-1");
        assertThat(session.packedPolicySize()).isPositive();
        assertThat(session.credentials().expiration()).isEqualTo(clock.instant().plusSeconds(7200));
        CredentialStore credentials = new IamCredentials(engine);
        Principal principal = credentials.find(session.credentials().accessKeyId(), session.credentials().sessionToken(),
                clock.instant()).principal();
        assertThat(principal.type()).isEqualTo(Principal.Type.ASSUMED_ROLE);
        assertThat(principal.roleArn()).isEqualTo(role.arn());
        assertThat(principal.userId()).isEqualTo(role.id() + ":build-1");
        assertThat(principal.sessionPolicy()).isEqualTo(ALLOW_SQS);
        assertThat(principal.tags()).containsEntry("Env", "ci").doesNotContainKey("env");

        assertThat(error("ValidationError", () -> engine.sessions().assumeRole(root, role.arn(), "s", 7201, null,
                List.of(), List.of())).getMessage())
                .isEqualTo("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        assertThat(error("ValidationError", () -> engine.sessions().assumeRole(principal, role.arn(), "s", 3601, null,
                List.of(), List.of())).getMessage()).contains("role chaining");
        error("InvalidParameterValue", () -> engine.sessions().assumeRole(root, role.arn(), "s", null, null,
                List.of(new Tag("a", "1"), new Tag("A", "2")), List.of()));
        error("InvalidParameterValue", () -> engine.sessions().assumeRole(root, role.arn(), "s", null, null,
                List.of(new Tag("a", "1")), List.of("b")));
        error("ValidationError", () -> engine.sessions().assumeRole(root, role.arn(), "s", null,
                "{" + " ".repeat(2048) + "}", List.of(), List.of()));

        clock.advance(Duration.ofSeconds(60));
        engine.roles().delete(ACCOUNT, "app");
        assertThatThrownBy(() -> credentials.find(session.credentials().accessKeyId(),
                session.credentials().sessionToken(), clock.instant())).isInstanceOf(AuthException.class);
        engine.roles().create(ACCOUNT, "app", "/svc/", TRUST, null, 7200, List.of()); // a new role, not the old one
        assertThat(credentials.knownPrincipal(session.credentials().accessKeyId(),
                session.credentials().sessionToken(), clock.instant())).isNull();
    }
}
