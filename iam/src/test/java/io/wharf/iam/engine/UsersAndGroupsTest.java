package io.wharf.iam.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Users and groups: names unique without case, renames, paging, membership, and what blocks a delete. */
class UsersAndGroupsTest extends EngineFixture {

    @Test
    void usersAreUniqueWithoutRegardToCaseAndKeepTheirIdThroughARename() {
        User alice = engine.users().create(ACCOUNT, "Alice", "/team/", List.of(new Tag("env", "dev")));
        assertThat(alice.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/team/Alice");
        assertThat(alice.id()).startsWith("AIDA").hasSize(21);
        assertThat(AccessKeyIds.accountOf(alice.id())).isEqualTo(ACCOUNT);
        assertThat(error("EntityAlreadyExists", () -> engine.users().create(ACCOUNT, "alice", null, List.of()))
                .getMessage()).isEqualTo("User with name alice already exists.");
        assertThat(engine.users().get(ACCOUNT, "ALICE").name()).isEqualTo("Alice");
        engine.users().create(OTHER, "alice", null, List.of()); // another account, another namespace

        engine.users().update(ACCOUNT, "alice", "/", "Alicia");
        User renamed = engine.users().get(ACCOUNT, "alicia");
        assertThat(renamed.id()).isEqualTo(alice.id());
        assertThat(renamed.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/Alicia");
        assertThat(error("NoSuchEntity", () -> engine.users().get(ACCOUNT, "Alice")).getMessage())
                .isEqualTo("The user with name Alice cannot be found.");
    }

    @Test
    void listsPageInNameOrderAndFilterByPath() {
        for (String name : List.of("d", "B", "a", "c", "e")) {
            engine.users().create(ACCOUNT, name, name.equals("c") ? "/x/" : "/", List.of());
        }
        Page<User> first = engine.users().list(ACCOUNT, null, null, 2);
        assertThat(first.items()).extracting(User::name).containsExactly("a", "B");
        assertThat(first.truncated()).isTrue();
        engine.users().create(ACCOUNT, "bb", null, List.of()); // lands before the marker's item: not seen
        Page<User> second = engine.users().list(ACCOUNT, null, first.marker(), 2);
        assertThat(second.items()).extracting(User::name).containsExactly("c", "d");
        Page<User> last = engine.users().list(ACCOUNT, null, second.marker(), 2);
        assertThat(last.items()).extracting(User::name).containsExactly("e");
        assertThat(last.truncated()).isFalse();
        assertThat(engine.users().list(ACCOUNT, "/x", null, null).items()).extracting(User::name).containsExactly("c");
        assertThat(error("ValidationError", () -> engine.users().list(ACCOUNT, null, "!!", null)).getMessage())
                .isEqualTo("Invalid Marker.");
    }

    @Test
    void tagsReplaceWithoutRegardToCaseAndHaveALimit() {
        engine.users().create(ACCOUNT, "u", null, List.of(new Tag("env", "dev"), new Tag("team", "a")));
        engine.users().tag(ACCOUNT, "u", List.of(new Tag("Env", "prod")));
        assertThat(engine.users().tags(ACCOUNT, "u", null, null).items())
                .containsExactly(new Tag("team", "a"), new Tag("Env", "prod"));
        error("InvalidInput", () -> engine.users().tag(ACCOUNT, "u", List.of(new Tag("k", "1"), new Tag("K", "2"))));
        engine.users().untag(ACCOUNT, "u", List.of("ENV", "nope"));
        assertThat(engine.users().get(ACCOUNT, "u").tags()).containsExactly(new Tag("team", "a"));
        List<Tag> many = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(new Tag("k" + i, "v"));
        }
        error("LimitExceeded", () -> engine.users().tag(ACCOUNT, "u", many));
        assertThat(engine.users().get(ACCOUNT, "u").tags()).hasSize(1);
    }

    @Test
    void groupsHoldMembersByIdAndBlockDeletes() {
        engine.users().create(ACCOUNT, "bob", null, List.of());
        engine.groups().create(ACCOUNT, "devs", "/eng/");
        error("EntityAlreadyExists", () -> engine.groups().create(ACCOUNT, "DEVS", null));
        engine.groups().addUser(ACCOUNT, "devs", "bob");
        engine.groups().addUser(ACCOUNT, "devs", "bob");
        engine.users().update(ACCOUNT, "bob", null, "robert");
        Groups.GroupWithUsers devs = engine.groups().get(ACCOUNT, "devs", null, null);
        assertThat(devs.group().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":group/eng/devs");
        assertThat(devs.users().items()).extracting(User::name).containsExactly("robert");
        assertThat(engine.groups().forUser(ACCOUNT, "robert", null, null).items()).extracting(Group::name)
                .containsExactly("devs");
        assertThat(error("DeleteConflict", () -> engine.users().delete(ACCOUNT, "robert")).getMessage())
                .isEqualTo("Cannot delete entity, must remove users from group first.");
        assertThat(error("DeleteConflict", () -> engine.groups().delete(ACCOUNT, "devs")).getMessage())
                .isEqualTo("Cannot delete entity, must remove users from group first.");
        engine.groups().removeUser(ACCOUNT, "devs", "robert");
        engine.groups().removeUser(ACCOUNT, "devs", "robert"); // not a member: fine, as AWS
        engine.groups().delete(ACCOUNT, "devs");
        engine.users().delete(ACCOUNT, "robert");
        error("NoSuchEntity", () -> engine.groups().addUser(ACCOUNT, "devs", "robert"));
    }

    @Test
    void aUserBelongsToAtMostTenGroups() {
        engine.users().create(ACCOUNT, "u", null, List.of());
        for (int i = 0; i < 10; i++) {
            engine.groups().create(ACCOUNT, "g" + i, null);
            engine.groups().addUser(ACCOUNT, "g" + i, "u");
        }
        engine.groups().create(ACCOUNT, "g10", null);
        assertThat(error("LimitExceeded", () -> engine.groups().addUser(ACCOUNT, "g10", "u")).getMessage())
                .isEqualTo("Cannot exceed quota for GroupsPerUser: 10");
    }

    @Test
    void attachedAwsManagedPoliciesBlockADeleteAndCount() {
        String admin = "arn:aws:iam::aws:policy/AdministratorAccess";
        engine.users().create(ACCOUNT, "u", null, List.of());
        engine.attachments().attach(ACCOUNT, EntityKind.USER, "u", admin);
        engine.attachments().attach(ACCOUNT, EntityKind.USER, "u", admin);
        assertThat(engine.managedPolicies().get(ACCOUNT, admin).attachmentCount()).isEqualTo(1);
        assertThat(engine.managedPolicies().get(OTHER, admin).attachmentCount()).isZero();
        assertThat(engine.attachments().entities(ACCOUNT, admin, null, null, null, null).items())
                .extracting(Attachments.AttachedEntity::name).containsExactly("u");
        assertThat(error("DeleteConflict", () -> engine.users().delete(ACCOUNT, "u")).getMessage())
                .isEqualTo("Cannot delete entity, must detach all policies first.");
        assertThat(error("NoSuchEntity", () -> engine.attachments().attach(ACCOUNT, EntityKind.USER, "u",
                "arn:aws:iam::aws:policy/Nope")).getMessage())
                .isEqualTo("Policy arn:aws:iam::aws:policy/Nope does not exist or is not attachable.");
        assertThat(error("AccessDenied", () -> engine.managedPolicies().delete(ACCOUNT, admin)).getMessage())
                .isEqualTo("Cannot delete policies outside your own account.");
        error("NoSuchEntity", () -> engine.managedPolicies().tag(ACCOUNT, admin, List.of(new Tag("a", "b"))));
        engine.attachments().detach(ACCOUNT, EntityKind.USER, "u", admin);
        assertThat(error("NoSuchEntity", () -> engine.attachments().detach(ACCOUNT, EntityKind.USER, "u", admin))
                .getMessage()).isEqualTo("Policy " + admin + " was not found.");
        assertThat(engine.managedPolicies().list(ACCOUNT, ManagedPolicies.Scope.AWS, false, null, null, null).items())
                .extracting(ManagedPolicy::name).contains("AdministratorAccess", "AmazonSQSFullAccess",
                        "AmazonSNSFullAccess", "AmazonKinesisFullAccess", "ReadOnlyAccess");
        engine.users().delete(ACCOUNT, "u");
    }
}
