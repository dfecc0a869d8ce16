package io.wharf.it.auth;

import io.wharf.iam.AccountRoot;
import io.wharf.iam.IamModule;
import io.wharf.protocol.auth.AuthMode;
import io.wharf.protocol.auth.Principal;
import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.storage.FsyncMode;
import io.wharf.storage.RocksStore;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An expired STS session, end to end. No session lasts less than 900 s and Wharf's clock is the system's, so no
 * black-box client can wait one out; instead the test mints the session tokens with the IAM engine itself, on the
 * data directory the server then starts on, with the engine's clock twenty minutes back: the tokens are sealed with the
 * server's own key (kept in the store), one already expired, and the real server judges them through real clients —
 * ExpiredToken 403 for the Query family, ExpiredTokenException 400 for Kinesis — while an unexpired twin is served.
 */
class ExpiredSessionIT extends AuthTestBase {
    static final String EXPIRED_MESSAGE = "The security token included in the request is expired";

    @TempDir
    static Path data;

    private static Wharf wharf;
    private static software.amazon.awssdk.services.sts.model.Credentials expired;
    private static software.amazon.awssdk.services.sts.model.Credentials current;

    @BeforeAll
    static void mintThenStart() {
        List<AccountRoot> roots = List.of(new AccountRoot(ACCOUNT, Clients.ACCESS_KEY_ID, Clients.SECRET));
        Principal root = Principal.root(ACCOUNT, Clients.ACCESS_KEY_ID);
        try (RocksStore store = RocksStore.open(data.resolve("rocksdb"), FsyncMode.ALWAYS)) {
            java.util.concurrent.atomic.AtomicReference<Instant> time =
                    new java.util.concurrent.atomic.AtomicReference<>(Instant.now().minus(Duration.ofMinutes(20)));
            Clock clock = new Clock() {
                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return time.get();
                }
            };
            IamModule iam = IamModule.create(store, clock, roots);
            expired = sts(iam.engine().sessions().sessionToken(root, 900));
            time.set(Instant.now());
            current = sts(iam.engine().sessions().sessionToken(root, 900));
        }
        wharf = Wharf.start(WharfConfig.builder().port(0).dataDir(data).inMemory(false).region("us-east-1")
                .fsync(FsyncMode.NEVER).shutdownTimeout(Duration.ofSeconds(5)).auth(AuthMode.ENFORCE)
                .rootAccessKeyId(Clients.ACCESS_KEY_ID).rootSecretAccessKey(Clients.SECRET).build());
    }

    private static Credentials sts(io.wharf.iam.engine.Credentials c) {
        return Credentials.builder().accessKeyId(c.accessKeyId()).secretAccessKey(c.secretAccessKey())
                .sessionToken(c.sessionToken()).expiration(c.expiration()).build();
    }

    @AfterAll
    static void stop() {
        if (wharf != null) {
            wharf.close();
        }
    }

    @Override
    URI endpoint() {
        return URI.create(wharf.endpoint());
    }

    @Test
    void anExpiredSessionIsRefusedInEachFamilysWordsAndACurrentOneIsServed() {
        assertThat(expired.expiration()).isBefore(Instant.now());
        assertThat(current.expiration()).isAfter(Instant.now());

        assertThat(sts(session(current)).getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        assertThat(sqs(session(current)).listQueues().queueUrls()).isNotNull();

        assertError(error(() -> sqs(session(expired)).listQueues()), "ExpiredToken", 403, EXPIRED_MESSAGE);
        assertError(error(() -> sns(session(expired)).listTopics()), "ExpiredToken", 403, EXPIRED_MESSAGE);
        assertError(error(() -> sts(session(expired)).getCallerIdentity()), "ExpiredToken", 403, EXPIRED_MESSAGE);
        assertError(error(() -> iam(session(expired)).listUsers()), "ExpiredToken", 403, EXPIRED_MESSAGE);
        assertError(error(() -> kinesis(session(expired)).listStreams()), "ExpiredTokenException", 400,
                EXPIRED_MESSAGE);
        assertError(error(() -> kinesisJson(session(expired)).listStreams()), "ExpiredTokenException", 400,
                EXPIRED_MESSAGE);
        // the expired token with the current session's key is another key's token: invalid, not expired
        Credentials mixed = current.toBuilder().sessionToken(expired.sessionToken()).build();
        assertError(error(() -> sqs(session(mixed)).listQueues()), "InvalidClientTokenId", 403, INVALID_TOKEN);
    }
}
