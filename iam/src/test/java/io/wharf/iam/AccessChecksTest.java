package io.wharf.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.Tag;
import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.auth.AccessCheck;
import io.wharf.storage.MemoryStore;
import io.wharf.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What each IAM and STS action asks the gateway to authorise. */
class AccessChecksTest {
    private static final String ACCOUNT = "111122223333";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MemoryStore store = new MemoryStore();
    private final IamModule module = IamModule.create(store, new ManualClock(0), List.of());
    private final RequestContext root = new RequestContext("r", ACCOUNT, "us-east-1", "AKID", "localhost", "http", "/");

    @AfterEach
    void close() {
        store.close();
    }

    private static Input input(String json) {
        try {
            return new Input((ObjectNode) JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<AccessCheck> iam(String operation, String json) {
        return module.iam().accessChecks(operation, input(json), root);
    }

    @Test
    void iamActionsAskForTheirResourceInTheCallersAccount() {
        module.engine().users().create(ACCOUNT, "alice", "/team/", List.of(new Tag("env", "dev")));
        assertThat(iam("GetUser", "{\"UserName\":\"alice\"}")).containsExactly(AccessCheck.of("iam:GetUser",
                "arn:aws:iam::" + ACCOUNT + ":user/team/alice", ACCOUNT));
        assertThat(iam("DeleteUser", "{\"UserName\":\"nobody\"}").get(0).resourceArn())
                .isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/nobody");
        assertThat(iam("ListUsers", "{}")).containsExactly(AccessCheck.anyResource("iam:ListUsers"));
        assertThat(iam("AddUserToGroup", "{\"GroupName\":\"g\",\"UserName\":\"alice\"}").get(0).resourceArn())
                .isEqualTo("arn:aws:iam::" + ACCOUNT + ":group/g");
        assertThat(iam("GetPolicy", "{\"PolicyArn\":\"arn:aws:iam::aws:policy/ReadOnlyAccess\"}").get(0)
                .resourceArn()).isEqualTo("arn:aws:iam::aws:policy/ReadOnlyAccess");
        assertThat(iam("CreatePolicy", "{\"PolicyName\":\"p\",\"Path\":\"/x/\"}").get(0).resourceArn())
                .isEqualTo("arn:aws:iam::" + ACCOUNT + ":policy/x/p");
        assertThat(iam("SimulatePrincipalPolicy", "{\"PolicySourceArn\":\"arn:aws:iam::" + ACCOUNT + ":role/r\"}")
                .get(0).resourceArn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/r");
    }

    @Test
    void taggingAndAttachingCarryTheirConditionKeys() {
        AccessCheck create = iam("CreateUser", "{\"UserName\":\"bob\",\"Path\":\"/p/\",\"Tags\":[{\"Key\":\"env\","
                + "\"Value\":\"dev\"}]}").get(0);
        assertThat(create.resourceArn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/p/bob");
        assertThat(create.context()).containsEntry("aws:RequestTag/env", List.of("dev"))
                .containsEntry("aws:TagKeys", List.of("env"));
        assertThat(iam("UntagRole", "{\"RoleName\":\"r\",\"TagKeys\":[\"a\",\"b\"]}").get(0).context())
                .isEqualTo(Map.of("aws:TagKeys", List.of("a", "b")));
        AccessCheck attach = iam("AttachRolePolicy", "{\"RoleName\":\"r\",\"PolicyArn\":\"arn:aws:iam::aws:policy/"
                + "AdministratorAccess\"}").get(0);
        assertThat(attach.resourceArn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/r");
        assertThat(attach.context()).containsEntry("iam:PolicyARN", List.of("arn:aws:iam::aws:policy/AdministratorAccess"));
    }

    @Test
    void stsAsksForTheRoleOrNothing() {
        StsService sts = module.sts();
        assertThat(sts.accessChecks("GetCallerIdentity", input("{}"), root)).isEmpty();
        assertThat(sts.accessChecks("GetSessionToken", input("{}"), root)).isEmpty();
        assertThat(sts.accessChecks("GetAccessKeyInfo", input("{\"AccessKeyId\":\"AKIA\"}"), root))
                .containsExactly(AccessCheck.anyResource("sts:GetAccessKeyInfo"));
        String role = "arn:aws:iam::444455556666:role/r";
        assertThat(sts.accessChecks("AssumeRole", input("{\"RoleArn\":\"" + role + "\"}"), root))
                .containsExactly(AccessCheck.of("sts:AssumeRole", role, "444455556666"));
        List<AccessCheck> tagged = sts.accessChecks("AssumeRole", input("{\"RoleArn\":\"" + role + "\",\"Tags\":"
                + "[{\"Key\":\"k\",\"Value\":\"v\"}]}"), root);
        assertThat(tagged).extracting(AccessCheck::action).containsExactly("sts:AssumeRole", "sts:TagSession");
        assertThat(tagged.get(1).context()).containsEntry("aws:RequestTag/k", List.of("v"));
        assertThat(sts.resourcePolicy(role)).isNull();
    }

    @Test
    void resourceTagsAreTheUsersAndRoles() {
        module.engine().users().create(ACCOUNT, "alice", null, List.of(new Tag("env", "dev")));
        assertThat(module.iam().resourceTags("arn:aws:iam::" + ACCOUNT + ":user/alice")).containsEntry("env", "dev");
        assertThat(module.iam().resourceTags("arn:aws:iam::" + ACCOUNT + ":user/nobody")).isEmpty();
        assertThat(module.iam().resourceTags("not an arn")).isEmpty();
    }
}
