package io.wharf.iam.engine;

import io.wharf.iam.IamCredentials;
import io.wharf.protocol.auth.AuthException;
import io.wharf.protocol.auth.AuthFailure;
import io.wharf.protocol.auth.CredentialStore;
import io.wharf.protocol.auth.Principal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Long-term keys and STS session tokens, as the gateway's credential store sees them. */
class AccessKeysAndSessionsTest extends EngineFixture {
    private final CredentialStore credentials = new IamCredentials(engine);

    private Principal user(String name) {
        engine.users().create(ACCOUNT, name, null, List.of(new Tag("team", "a")));
        AccessKey key = engine.accessKeys().create(ACCOUNT, name).key();
        return credentials.find(key.accessKeyId(), null, clock.instant()).principal();
    }

    private static AuthFailure failure(Runnable call) {
        AuthFailure[] failure = new AuthFailure[1];
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AuthException.class, e -> failure[0] = e.failure());
        return failure[0];
    }

    @Test
    void rootAndUserKeysAuthenticateAsTheirPrincipals() {
        CredentialStore.SigningIdentity root = credentials.find(ROOT_KEY, null, clock.instant());
        assertThat(root.secretAccessKey()).isEqualTo(ROOT_SECRET);
        assertThat(root.principal()).isEqualTo(Principal.root(ACCOUNT, ROOT_KEY));

        engine.users().create(ACCOUNT, "alice", "/p/", List.of(new Tag("team", "a")));
        AccessKeys.OwnedKey made = engine.accessKeys().create(ACCOUNT, "alice");
        assertThat(made.key().accessKeyId()).startsWith("AKIA").hasSize(20);
        assertThat(AccessKeyIds.accountOf(made.key().accessKeyId())).isEqualTo(ACCOUNT);
        CredentialStore.SigningIdentity alice = credentials.find(made.key().accessKeyId(), null, clock.instant());
        assertThat(alice.secretAccessKey()).isEqualTo(made.key().secretAccessKey());
        assertThat(alice.principal().type()).isEqualTo(Principal.Type.USER);
        assertThat(alice.principal().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/p/alice");
        assertThat(alice.principal().userId()).isEqualTo(engine.users().get(ACCOUNT, "alice").id());
        assertThat(alice.principal().name()).isEqualTo("alice");
        assertThat(alice.principal().accessKeyId()).isEqualTo(made.key().accessKeyId());
        assertThat(alice.principal().tags()).containsEntry("team", "a");

        engine.users().update(ACCOUNT, "alice", null, "alicia"); // the key follows the rename
        assertThat(credentials.knownPrincipal(made.key().accessKeyId(), null, clock.instant()).arn())
                .endsWith(":user/p/alicia");
    }

    @Test
    void twoKeysPerUserAndInactiveOrDeletedKeysDoNotAuthenticate() {
        engine.users().create(ACCOUNT, "u", null, List.of());
        String first = engine.accessKeys().create(ACCOUNT, "u").key().accessKeyId();
        engine.accessKeys().create(ACCOUNT, "u");
        assertThat(error("LimitExceeded", () -> engine.accessKeys().create(ACCOUNT, "u")).getMessage())
                .isEqualTo("Cannot exceed quota for AccessKeysPerUser: 2");
        engine.accessKeys().update(ACCOUNT, "u", first, false);
        assertThat(engine.accessKeys().list(ACCOUNT, "u", null, null).items())
                .extracting(k -> k.key().status()).containsExactly("Inactive", "Active");
        assertThat(failure(() -> credentials.find(first, null, clock.instant())))
                .isEqualTo(AuthFailure.INVALID_CLIENT_TOKEN);
        assertThat(credentials.knownPrincipal(first, null, clock.instant())).isNull();
        assertThat(error("NoSuchEntity", () -> engine.accessKeys().update(ACCOUNT, null, first, true)).getMessage())
                .isEqualTo("The Access Key with id " + first + " cannot be found.");
        assertThat(error("DeleteConflict", () -> engine.users().delete(ACCOUNT, "u")).getMessage())
                .isEqualTo("Cannot delete entity, must delete access keys first.");
        engine.accessKeys().delete(ACCOUNT, "u", first);
        assertThat(failure(() -> credentials.find(first, null, clock.instant())))
                .isEqualTo(AuthFailure.INVALID_CLIENT_TOKEN);
        assertThat(failure(() -> credentials.find("AKIAUNKNOWNKEY000000", null, clock.instant())))
                .isEqualTo(AuthFailure.INVALID_CLIENT_TOKEN);
    }

    @Test
    void rootKeysMadeThroughTheApiAreTheRootsOwn() {
        AccessKeys.OwnedKey root = engine.accessKeys().create(ACCOUNT, null);
        assertThat(root.userName()).isNull();
        assertThat(engine.accessKeys().list(ACCOUNT, null, null, null).items()).hasSize(1);
        assertThat(credentials.find(root.key().accessKeyId(), null, clock.instant()).principal().isRoot()).isTrue();
    }

    @Test
    void sessionTokensStandForTheirUserUntilTheyExpire() {
        Principal alice = user("alice");
        Credentials session = engine.sessions().sessionToken(alice, 900);
        assertThat(session.accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(AccessKeyIds.accountOf(session.accessKeyId())).isEqualTo(ACCOUNT);
        assertThat(session.expiration()).isEqualTo(clock.instant().plusSeconds(900));
        CredentialStore.SigningIdentity found = credentials.find(session.accessKeyId(), session.sessionToken(),
                clock.instant());
        assertThat(found.secretAccessKey()).isEqualTo(session.secretAccessKey());
        assertThat(found.principal().arn()).isEqualTo(alice.arn());
        assertThat(found.principal().accessKeyId()).isEqualTo(session.accessKeyId());

        error("AccessDenied", () -> engine.sessions().sessionToken(found.principal(), null));
    }

    @Test
    void aLongTermKeyWithATokenIsRefusedButStandsForItsUserWhenNothingIsVerified() {
        Principal alice = user("alice");
        Credentials session = engine.sessions().sessionToken(alice, 900);
        String key = alice.accessKeyId();
        assertThatThrownBy(() -> credentials.find(key, session.sessionToken(), clock.instant()))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.failure()).isEqualTo(AuthFailure.INVALID_CLIENT_TOKEN);
                    assertThat(e.getMessage()).isEqualTo("The security token included in the request is invalid");
                });
        assertThat(credentials.knownPrincipal(key, session.sessionToken(), clock.instant()).arn())
                .isEqualTo(alice.arn());
        assertThat(credentials.knownPrincipal(session.accessKeyId(), "garbage!", clock.instant())).isNull();
    }

    @Test
    void tokensMustBeTheKeysUntamperedAndUnexpired() {
        Principal alice = user("alice");
        Credentials session = engine.sessions().sessionToken(alice, 900);
        String token = session.sessionToken();
        assertThat(failure(() -> credentials.find(session.accessKeyId(), null, clock.instant())))
                .isEqualTo(AuthFailure.INVALID_CLIENT_TOKEN);
        Credentials other = engine.sessions().sessionToken(alice, 900);
        assertThat(failure(() -> credentials.find(session.accessKeyId(), other.sessionToken(), clock.instant())))
                .isEqualTo(AuthFailure.INVALID_CLIENT_TOKEN);
        byte[] bytes = Base64.getDecoder().decode(token);
        bytes[bytes.length / 2] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(bytes);
        assertThat(failure(() -> credentials.find(session.accessKeyId(), tampered, clock.instant())))
                .isEqualTo(AuthFailure.INVALID_CLIENT_TOKEN);
        assertThat(failure(() -> credentials.find(session.accessKeyId(), "garbage!", clock.instant())))
                .isEqualTo(AuthFailure.INVALID_CLIENT_TOKEN);
        assertThat(token.length()).isLessThan(600);

        clock.advance(Duration.ofSeconds(899));
        assertThat(credentials.find(session.accessKeyId(), token, clock.instant()).principal().arn())
                .isEqualTo(alice.arn());
        clock.advance(Duration.ofSeconds(1));
        assertThat(failure(() -> credentials.find(session.accessKeyId(), token, clock.instant())))
                .isEqualTo(AuthFailure.EXPIRED_TOKEN);
        assertThat(credentials.knownPrincipal(session.accessKeyId(), token, clock.instant())).isNull();
    }

    @Test
    void rootSessionsLastAtMostAnHourAndSessionsCannotMakeSessions() {
        Credentials root = engine.sessions().sessionToken(Principal.root(ACCOUNT, ROOT_KEY), null);
        assertThat(root.expiration()).isEqualTo(clock.instant().plusSeconds(3600));
        Principal inSession = credentials.find(root.accessKeyId(), root.sessionToken(), clock.instant()).principal();
        assertThat(inSession.isRoot()).isTrue();
        assertThat(error("AccessDenied", () -> engine.sessions().sessionToken(inSession, null)).getMessage())
                .isEqualTo("Cannot call GetSessionToken with session credentials");
        Credentials user = engine.sessions().sessionToken(user("bob"), null);
        assertThat(user.expiration()).isEqualTo(clock.instant().plusSeconds(43_200));
    }

    @Test
    void aDeletedUsersSessionsEnd() {
        Principal carol = user("carol");
        Credentials session = engine.sessions().sessionToken(carol, 900);
        engine.accessKeys().delete(ACCOUNT, "carol", carol.accessKeyId());
        engine.users().delete(ACCOUNT, "carol");
        assertThat(failure(() -> credentials.find(session.accessKeyId(), session.sessionToken(), clock.instant())))
                .isEqualTo(AuthFailure.INVALID_CLIENT_TOKEN);
    }

    @Test
    void assumingAMissingRoleIsDenied() {
        assertThat(error("AccessDenied", () -> engine.sessions().assumeRole(Principal.root(ACCOUNT, ROOT_KEY),
                "arn:aws:iam::" + ACCOUNT + ":role/nope", "s", null, null, List.of(), List.of())).getMessage())
                .isEqualTo("User: arn:aws:iam::" + ACCOUNT + ":root is not authorized to perform: sts:AssumeRole on "
                        + "resource: arn:aws:iam::" + ACCOUNT + ":role/nope");
        assertThat(error("ValidationError", () -> engine.sessions().assumeRole(Principal.root(ACCOUNT, ROOT_KEY),
                "not-an-arn", "s", null, null, List.of(), List.of())).getMessage()).isEqualTo("not-an-arn is invalid");
    }
}
