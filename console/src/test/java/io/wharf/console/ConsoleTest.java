package io.wharf.console;

import io.wharf.kinesis.KinesisService;
import io.wharf.kinesis.KinesisSettings;
import io.wharf.protocol.auth.AccessControl;
import io.wharf.protocol.auth.AuthException;
import io.wharf.protocol.auth.AuthMode;
import io.wharf.protocol.auth.CredentialStore;
import io.wharf.protocol.auth.Decision;
import io.wharf.protocol.auth.Principal;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import io.wharf.sns.SnsService;
import io.wharf.sqs.SqsService;
import io.wharf.sqs.engine.QueueId;
import io.wharf.sqs.engine.SendCommand;
import io.wharf.storage.MemoryStore;
import io.wharf.storage.crypto.MasterKey;
import io.wharf.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's request handling on real engines over a memory store, without a socket: sessions and their cookie,
 * sign-in, CSRF, and authorisation through the {@link AccessControl} it is given, with the AWS action and ARN.
 */
class ConsoleTest {
    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "us-east-1";
    private static final Principal ALICE = new Principal(Principal.Type.USER, ACCOUNT,
            "arn:aws:iam::000000000000:user/alice", "AIDAALICE", "alice", "AKIDALICE", null, null, Map.of());

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final MemoryStore store = new MemoryStore();
    private final MasterKey key = MasterKey.of(new byte[32]);
    private final SqsService sqs = SqsService.create(store, clock, true, key);
    private final SnsService sns = SnsService.create(store, clock, (queueArn, body, attributes, group, dedup) -> { },
            key);
    private final KinesisService kinesis = KinesisService.create(store, clock, KinesisSettings.defaults(), key);
    private final List<String> asked = new ArrayList<>();
    private final List<Console> consoles = new ArrayList<>();

    /** Knows one key: AKIDALICE with secret "alice-secret". */
    private final CredentialStore credentials = new CredentialStore() {
        @Override
        public SigningIdentity find(String accessKeyId, String sessionToken, Instant now) {
            if (!accessKeyId.equals("AKIDALICE")) {
                throw AuthException.invalidClientToken();
            }
            return new SigningIdentity("alice-secret", ALICE);
        }

        @Override
        public Principal knownPrincipal(String accessKeyId, String sessionToken, Instant now) {
            return null;
        }
    };

    @AfterEach
    void close() {
        consoles.forEach(Console::close);
        kinesis.close();
        sns.close();
        sqs.close();
        store.close();
    }

    private Console console(AuthMode mode, AccessControl access) {
        Console console = new Console(new ConsoleSources(sqs, sns, kinesis, mode, credentials, access, ACCOUNT, REGION,
                clock), 16);
        consoles.add(console);
        return console;
    }

    private static WireResponse get(Console console, String pathAndQuery, String cookie, boolean secure) {
        return console.handle(request("GET", pathAndQuery, cookie, "", secure));
    }

    private static WireResponse post(Console console, String pathAndQuery, String cookie, String form) {
        return console.handle(request("POST", pathAndQuery, cookie, form, false));
    }

    private static WireRequest request(String method, String pathAndQuery, String cookie, String body, boolean secure) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (q >= 0) {
            Forms.parse(pathAndQuery.substring(q + 1)).forEach((k, v) -> query.put(k, List.of(v)));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "localhost:4566");
        if (cookie != null) {
            headers.put("cookie", cookie);
        }
        if (method.equals("POST")) {
            headers.put("content-type", "application/x-www-form-urlencoded");
        }
        return new WireRequest(method, path, query, headers, body.getBytes(StandardCharsets.UTF_8),
                new WireRequest.Origin(path, q < 0 ? "" : pathAndQuery.substring(q + 1), "127.0.0.1", secure));
    }

    private static String body(WireResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String cookieOf(WireResponse response) {
        String setCookie = response.headers().get("Set-Cookie");
        assertThat(setCookie).isNotNull();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String csrfOf(WireResponse page) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(body(page));
        assertThat(m.find()).as("a form with the CSRF token").isTrue();
        return m.group(1);
    }

    private QueueId queueWithOneMessage() {
        QueueId id = new QueueId(ACCOUNT, REGION, "q");
        sqs.engine().createQueue(id, Map.of(), Map.of());
        sqs.engine().sendMessage(id, SendCommand.of("hello"));
        return id;
    }

    @Test
    void withoutAuthABrowserGetsASessionCookieSecureOnlyOverTls() {
        Console console = console(AuthMode.OFF, AccessControl.ALLOW_ALL);
        WireResponse plain = get(console, "/_wharf/console/queues", null, false);
        WireResponse tls = get(console, "/_wharf/console/queues", null, true);

        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.headers().get("Set-Cookie")).contains("HttpOnly", "SameSite=Strict", "Max-Age=28800")
                .doesNotContain("Secure");
        assertThat(tls.headers().get("Set-Cookie")).contains("; Secure");
        assertThat(get(console, "/_wharf/console/queues", cookieOf(plain), false).headers())
                .as("a known session keeps its cookie").doesNotContainKey("Set-Cookie");
    }

    @Test
    void aPostWithoutTheSessionsTokenChangesNothing() {
        QueueId q = queueWithOneMessage();
        Console console = console(AuthMode.OFF, AccessControl.ALLOW_ALL);
        WireResponse page = get(console, "/_wharf/console/queue?name=q", null, false);
        String cookie = cookieOf(page);
        String csrf = csrfOf(page);

        assertThat(post(console, "/_wharf/console/queue/purge", cookie, "name=q").status()).isEqualTo(403);
        assertThat(post(console, "/_wharf/console/queue/purge", null, "name=q&csrf=" + csrf).status()).isEqualTo(403);
        assertThat(sqs.engine().queueStats()).singleElement().satisfies(s -> assertThat(s.visible()).isEqualTo(1));

        WireResponse purged = post(console, "/_wharf/console/queue/purge", cookie, "name=q&csrf=" + csrf);
        assertThat(purged.status()).isEqualTo(303);
        assertThat(sqs.engine().queueStats()).singleElement().satisfies(s -> assertThat(s.visible()).isZero());
        assertThat(body(get(console, "/_wharf/console/queue?name=q", cookie, false)))
                .contains("class=\"flash\" id=\"flash\">Purged q.");
    }

    @Test
    void withSignaturesVerifiedTheConsoleAsksForAKeyPairAndChecksIt() {
        Console console = console(AuthMode.VERIFY, AccessControl.ALLOW_ALL);
        WireResponse anonymous = get(console, "/_wharf/console/queues", null, false);
        assertThat(anonymous.status()).isEqualTo(303);
        assertThat(anonymous.headers()).containsEntry("Location", "/_wharf/console/sign-in");

        assertThat(post(console, "/_wharf/console/sign-in", null,
                "accessKeyId=AKIDALICE&secretAccessKey=wrong").status()).isEqualTo(401);
        assertThat(post(console, "/_wharf/console/sign-in", null,
                "accessKeyId=AKIDNOBODY&secretAccessKey=alice-secret").status()).isEqualTo(401);
        assertThat(console.sessionCount()).isZero();
        for (int i = 2; i < SignInThrottle.MAX_FAILURES; i++) {
            post(console, "/_wharf/console/sign-in", null, "accessKeyId=AKIDALICE&secretAccessKey=guess" + i);
        }
        assertThat(post(console, "/_wharf/console/sign-in", null,
                "accessKeyId=AKIDALICE&secretAccessKey=alice-secret").status()).as("ten failures: a minute's pause")
                .isEqualTo(429);
        clock.advance(SignInThrottle.WINDOW);

        WireResponse signedIn = post(console, "/_wharf/console/sign-in", null,
                "accessKeyId=AKIDALICE&secretAccessKey=alice-secret");
        assertThat(signedIn.status()).isEqualTo(303);
        String cookie = cookieOf(signedIn);
        WireResponse page = get(console, "/_wharf/console/queues", cookie, false);
        assertThat(page.status()).isEqualTo(200);
        assertThat(body(page)).contains("arn:aws:iam::000000000000:user/alice");

        WireResponse out = post(console, "/_wharf/console/sign-out", cookie, "csrf=" + csrfOf(page));
        assertThat(out.headers().get("Set-Cookie")).contains("Max-Age=0");
        assertThat(get(console, "/_wharf/console/queues", cookie, false).status()).isEqualTo(303);
    }

    @Test
    void underEnforcedPoliciesEachPageAndActionAsksWithItsActionAndArnAndShowsTheDenial() {
        queueWithOneMessage();
        AccessControl onlyLooking = request -> {
            asked.add(request.action() + " " + request.resourceArn());
            return request.action().equals("sqs:ListQueues") || request.action().equals("sqs:GetQueueAttributes")
                    || request.action().equals("sqs:ListDeadLetterSourceQueues") ? Decision.ALLOW
                    : Decision.NO_IDENTITY_ALLOW;
        };
        Console console = console(AuthMode.ENFORCE, onlyLooking);
        String cookie = cookieOf(post(console, "/_wharf/console/sign-in", null,
                "accessKeyId=AKIDALICE&secretAccessKey=alice-secret"));

        WireResponse page = get(console, "/_wharf/console/queue?name=q", cookie, false);
        assertThat(page.status()).isEqualTo(200);
        WireResponse peek = get(console, "/_wharf/console/queue/peek?name=q", cookie, false);
        assertThat(body(peek)).contains("AccessDenied: User: arn:aws:iam::000000000000:user/alice is not authorized "
                + "to perform: sqs:receivemessage on resource: arn:aws:sqs:us-east-1:000000000000:q because no "
                + "identity-based policy allows the sqs:receivemessage action").doesNotContain("hello");
        post(console, "/_wharf/console/queue/purge", cookie, "name=q&csrf=" + csrfOf(page));
        assertThat(sqs.engine().queueStats()).singleElement().satisfies(s -> assertThat(s.visible()).isEqualTo(1));
        assertThat(body(get(console, "/_wharf/console/queue?name=q", cookie, false)))
                .contains("class=\"flash error\" id=\"flash\">AccessDenied: ").contains("sqs:purgequeue");
        WireResponse topics = get(console, "/_wharf/console/topics", cookie, false);
        assertThat(topics.status()).isEqualTo(403);
        assertThat(body(topics)).contains("AuthorizationError").contains("perform: SNS:ListTopics on resource: *"); // SNS words it so

        assertThat(asked).contains("sqs:GetQueueAttributes arn:aws:sqs:us-east-1:000000000000:q",
                "sqs:ReceiveMessage arn:aws:sqs:us-east-1:000000000000:q",
                "sqs:PurgeQueue arn:aws:sqs:us-east-1:000000000000:q", "sns:ListTopics *");
    }

    @Test
    void badInputIsAnAnswerNeverAFailure() {
        Console console = console(AuthMode.OFF, AccessControl.ALLOW_ALL);
        String cookie = cookieOf(get(console, "/_wharf/console/queues", null, false));

        assertThat(get(console, "/_wharf/console/queue", cookie, false).status()).isEqualTo(400);
        assertThat(body(get(console, "/_wharf/console/queue?name=missing", cookie, false)))
                .containsAnyOf("QueueDoesNotExist", "NonExistentQueue");
        assertThat(body(get(console, "/_wharf/console/stream/records?name=none&shard=x&type=AT_TIMESTAMP"
                + "&timestamp=yesterday", cookie, false))).contains("2026-01-01T00:00:00Z");
        assertThat(get(console, "/_wharf/console/nothing", cookie, false).status()).isEqualTo(404);
        assertThat(console.handle(request("DELETE", "/_wharf/console/queues", cookie, "", false)).status())
                .isEqualTo(405);
    }
}
