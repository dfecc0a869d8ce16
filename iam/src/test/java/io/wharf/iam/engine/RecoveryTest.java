package io.wharf.iam.engine;

import io.wharf.iam.IamCredentials;
import io.wharf.protocol.auth.CredentialStore;
import io.wharf.protocol.auth.Principal;
import io.wharf.storage.FsyncMode;
import io.wharf.storage.RocksStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A second engine on the same RocksDB directory sees everything the first acknowledged; keys still authenticate. */
class RecoveryTest extends EngineFixture {
    @TempDir
    Path dir;

    private void reopen() {
        store.close();
        store = RocksStore.open(dir, FsyncMode.ALWAYS);
        engine = open();
    }

    @Test
    void usersGroupsKeysAndSessionsSurviveARestart() {
        reopen();
        User alice = engine.users().create(ACCOUNT, "alice", "/p/", List.of(new Tag("team", "a")));
        engine.users().create(ACCOUNT, "bob", null, List.of());
        engine.users().delete(ACCOUNT, "bob");
        engine.groups().create(ACCOUNT, "devs", null);
        engine.groups().addUser(ACCOUNT, "devs", "alice");
        engine.users().update(ACCOUNT, "alice", null, "alicia");
        AccessKey key = engine.accessKeys().create(ACCOUNT, "alicia").key();
        AccessKey inactive = engine.accessKeys().create(ACCOUNT, "alicia").key();
        engine.accessKeys().update(ACCOUNT, "alicia", inactive.accessKeyId(), false);
        engine.attachments().attach(ACCOUNT, EntityKind.USER, "alicia", "arn:aws:iam::aws:policy/ReadOnlyAccess");
        Principal principal = new IamCredentials(engine).find(key.accessKeyId(), null, clock.instant()).principal();
        Credentials session = engine.sessions().sessionToken(principal, 3600);
        java.time.Instant created = engine.accountCreated(ACCOUNT);

        reopen();

        User found = engine.users().get(ACCOUNT, "alicia");
        assertThat(found).isEqualTo(new User("alicia", "/p/", alice.id(), "arn:aws:iam::" + ACCOUNT + ":user/p/alicia",
                alice.created(), List.of(new Tag("team", "a"))));
        assertThat(engine.users().list(ACCOUNT, null, null, null).items()).extracting(User::name)
                .containsExactly("alicia");
        assertThat(engine.groups().forUser(ACCOUNT, "alicia", null, null).items()).extracting(Group::name)
                .containsExactly("devs");
        assertThat(engine.attachments().list(ACCOUNT, EntityKind.USER, "alicia", null, null, null).items())
                .extracting(Attachments.AttachedPolicy::policyName).containsExactly("ReadOnlyAccess");
        assertThat(engine.managedPolicies().get(ACCOUNT, "arn:aws:iam::aws:policy/ReadOnlyAccess").attachmentCount())
                .isEqualTo(1);
        assertThat(engine.accountCreated(ACCOUNT)).isEqualTo(created);

        CredentialStore credentials = new IamCredentials(engine);
        CredentialStore.SigningIdentity identity = credentials.find(key.accessKeyId(), null, clock.instant());
        assertThat(identity.secretAccessKey()).isEqualTo(key.secretAccessKey());
        assertThat(identity.principal().arn()).endsWith(":user/p/alicia");
        assertThat(credentials.knownPrincipal(inactive.accessKeyId(), null, clock.instant())).isNull();
        assertThat(credentials.find(ROOT_KEY, null, clock.instant()).principal().isRoot()).isTrue();
        assertThat(credentials.find(session.accessKeyId(), session.sessionToken(), clock.instant()).principal().arn())
                .isEqualTo(identity.principal().arn());
        assertThat(engine.accessKeys().list(ACCOUNT, "alicia", null, null).items())
                .extracting(k -> k.key().accessKeyId()).containsExactlyInAnyOrder(key.accessKeyId(), inactive.accessKeyId());
    }
}
