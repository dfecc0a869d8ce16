package io.wharf.it.iam;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Users through the SDK: lifecycle, the caller as root, paging, tags, and AWS's errors. */
class IamUsersIT extends IamTestBase {

    @Test
    void userLifecycle() {
        String name = unique("alice");
        User created = iam.createUser(r -> r.userName(name).path("/team/")
                .tags(Tag.builder().key("env").value("dev").build())).user();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/team/" + name);
        assertThat(created.path()).isEqualTo("/team/");
        assertThat(created.userId()).startsWith("AIDA").hasSize(21);
        assertThat(created.createDate()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1,
                ChronoUnit.MINUTES));
        assertThat(created.tags()).containsExactly(Tag.builder().key("env").value("dev").build());

        User got = iam.getUser(r -> r.userName(name.toUpperCase())).user();
        assertThat(got.userName()).isEqualTo(name);
        assertThat(got.userId()).isEqualTo(created.userId());

        String renamed = name + "-x";
        iam.updateUser(r -> r.userName(name).newUserName(renamed).newPath("/"));
        assertThat(iam.getUser(r -> r.userName(renamed)).user().arn())
                .isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/" + renamed);
        assertError(error(() -> iam.getUser(r -> r.userName(name))), "NoSuchEntity", 404,
                "The user with name " + name + " cannot be found.");

        iam.deleteUser(r -> r.userName(renamed));
        assertThat(error(() -> iam.deleteUser(r -> r.userName(renamed)))).isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void duplicatesInvalidNamesAndUnimplementedActions() {
        String name = unique("dup");
        iam.createUser(r -> r.userName(name));
        assertError(error(() -> iam.createUser(r -> r.userName(name.toUpperCase()))), "EntityAlreadyExists", 409,
                "User with name " + name.toUpperCase() + " already exists.");
        assertThat(error(() -> iam.createUser(r -> r.userName(name)))).isInstanceOf(EntityAlreadyExistsException.class);
        assertError(error(() -> iam.createUser(r -> r.userName("bad name!"))), "ValidationError", 400,
                "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must satisfy "
                        + "regular expression pattern: [\\w+=,.@-]+");
        assertError(error(() -> iam.createUser(r -> r.userName("x".repeat(65)))), "ValidationError", 400,
                "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have "
                        + "length less than or equal to 64");
        assertError(error(() -> iam.createUser(r -> r.userName(unique("t")).tags(Tag.builder().key("bad#key")
                        .value("v").build()))), "ValidationError", 400,
                "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy constraint: Member must "
                        + "satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
        assertError(error(() -> iam.createUser(r -> r.userName(unique("t")).tags(
                        Tag.builder().key("k").value("1").build(), Tag.builder().key("K").value("2").build()))),
                "InvalidInput", 400, "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        assertError(error(() -> iam.createLoginProfile(r -> r.userName(name).password("Passw0rd!Passw0rd!"))),
                "NotImplemented", 501, "Wharf does not implement CreateLoginProfile yet.");
    }

    @Test
    void getUserWithoutANameIsTheCallingRoot() {
        User root = iam.getUser(r -> { }).user();
        assertThat(root.userId()).isEqualTo(ACCOUNT);
        assertThat(root.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        assertThat(root.userName()).isNull();
        assertThat(root.createDate()).isNotNull();
    }

    @Test
    void listUsersPagesAndFiltersByPath() {
        String path = "/" + unique("page") + "/";
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = unique("p" + i);
            names.add(name);
            iam.createUser(r -> r.userName(name).path(path));
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String from = marker;
            ListUsersResponse page = iam.listUsers(r -> r.pathPrefix(path).maxItems(2).marker(from));
            page.users().forEach(u -> seen.add(u.userName()));
            assertThat(page.isTruncated()).isEqualTo(page.marker() != null);
            marker = page.marker();
            pages++;
        } while (marker != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList());
        assertThat(iam.listUsersPaginator(r -> r.pathPrefix(path).maxItems(1)).users()).hasSize(5);
        assertThat(iam.listUsers(r -> r.pathPrefix("/nothing-here/")).users()).isEmpty();
    }

    @Test
    void tagsAddReplaceAndRemove() {
        String name = unique("tags");
        iam.createUser(r -> r.userName(name).tags(Tag.builder().key("env").value("dev").build()));
        iam.tagUser(r -> r.userName(name).tags(Tag.builder().key("Env").value("prod").build(),
                Tag.builder().key("team").value("a").build()));
        assertThat(iam.listUserTags(r -> r.userName(name)).tags()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Env", "prod"),
                        org.assertj.core.groups.Tuple.tuple("team", "a"));
        iam.untagUser(r -> r.userName(name).tagKeys("env"));
        assertThat(iam.getUser(r -> r.userName(name)).user().tags()).extracting(Tag::key).containsExactly("team");
        assertError(error(() -> iam.tagUser(r -> r.userName(unique("nobody")).tags(Tag.builder().key("a").value("b")
                .build()))), "NoSuchEntity", 404, null);
    }

    @Test
    void deleteConflictsNameWhatIsLeft() {
        String name = unique("conflict");
        String group = unique("g");
        iam.createUser(r -> r.userName(name));
        iam.createGroup(r -> r.groupName(group));
        iam.addUserToGroup(r -> r.userName(name).groupName(group));
        String key = iam.createAccessKey(r -> r.userName(name)).accessKey().accessKeyId();
        assertError(error(() -> iam.deleteUser(r -> r.userName(name))), "DeleteConflict", 409,
                "Cannot delete entity, must delete access keys first.");
        iam.deleteAccessKey(r -> r.userName(name).accessKeyId(key));
        assertThat(error(() -> iam.deleteUser(r -> r.userName(name)))).isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("must remove users from group first");
        iam.removeUserFromGroup(r -> r.userName(name).groupName(group));
        iam.attachUserPolicy(r -> r.userName(name).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        assertError(error(() -> iam.deleteUser(r -> r.userName(name))), "DeleteConflict", 409,
                "Cannot delete entity, must detach all policies first.");
        iam.detachUserPolicy(r -> r.userName(name).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        iam.deleteUser(r -> r.userName(name));
        iam.deleteGroup(r -> r.groupName(group));
    }
}
