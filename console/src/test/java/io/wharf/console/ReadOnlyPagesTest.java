package io.wharf.console;

import io.wharf.cloudwatch.CloudWatchService;
import io.wharf.cloudwatch.alarms.AlarmConfig;
import io.wharf.dynamodb.DynamoDbModule;
import io.wharf.dynamodb.engine.NewTable;
import io.wharf.kinesis.KinesisService;
import io.wharf.kinesis.KinesisSettings;
import io.wharf.protocol.auth.AccessControl;
import io.wharf.protocol.auth.AccessRequest;
import io.wharf.protocol.auth.AuthException;
import io.wharf.protocol.auth.AuthMode;
import io.wharf.protocol.auth.CredentialStore;
import io.wharf.protocol.auth.Decision;
import io.wharf.protocol.auth.Principal;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import io.wharf.s3.EventTargets;
import io.wharf.s3.S3Service;
import io.wharf.sns.SnsService;
import io.wharf.sqs.SqsService;
import io.wharf.storage.MemoryStore;
import io.wharf.storage.crypto.MasterKey;
import io.wharf.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-only pages (buckets, tables, alarms) on real engines over a memory store: each asks the
 * {@link AccessControl} with its AWS action and ARN, shows a denial in the service's words, escapes what it shows and
 * answers a missing resource with the service's error. The alarm texts' formatting too.
 */
class ReadOnlyPagesTest {
    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "us-east-1";

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final MemoryStore store = new MemoryStore();
    private final MasterKey key = MasterKey.of(new byte[32]);
    private final SqsService sqs = SqsService.create(store, clock, true, key);
    private final SnsService sns = SnsService.create(store, clock, (queueArn, body, attributes, group, dedup) -> { },
            key);
    private final KinesisService kinesis = KinesisService.create(store, clock, KinesisSettings.defaults(), key);
    private final DynamoDbModule dynamodb = DynamoDbModule.create(store, clock, Duration.ZERO);
    private final CloudWatchService cloudWatch = CloudWatchService.create(store, clock);
    private final List<String> asked = new ArrayList<>();
    private S3Service s3;
    private Console console;

    @TempDir
    Path objects;

    @BeforeEach
    void open() {
        s3 = S3Service.create(store, clock, objects, EventTargets.NONE);
    }

    @AfterEach
    void close() {
        if (console != null) {
            console.close();
        }
        cloudWatch.close();
        s3.close();
        kinesis.close();
        sns.close();
        sqs.close();
        store.close();
    }

    private static final Principal ALICE = new Principal(Principal.Type.USER, ACCOUNT,
            "arn:aws:iam::000000000000:user/alice", "AIDAALICE", "alice", "AKIDALICE", null, null, Map.of());

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

    /** With policies enforced, asking {@code decide}; returns alice's session cookie. */
    private String signIn(AccessControl decide) {
        AccessControl recording = request -> {
            asked.add(request.action() + " " + request.resourceArn());
            return decide.authorize(request);
        };
        console = new Console(new ConsoleSources(sqs, sns, kinesis, s3, null, dynamodb.service(), cloudWatch,
                AuthMode.ENFORCE, credentials, recording, ACCOUNT, REGION, clock), 16);
        WireResponse signedIn = console.handle(request("POST", "/_wharf/console/sign-in", null,
                "accessKeyId=AKIDALICE&secretAccessKey=alice-secret"));
        String setCookie = signedIn.headers().get("Set-Cookie");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private String get(String pathAndQuery, String cookie) {
        WireResponse response = console.handle(request("GET", pathAndQuery, cookie, ""));
        return response.status() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }

    private static WireRequest request(String method, String pathAndQuery, String cookie, String body) {
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
                new WireRequest.Origin(path, q < 0 ? "" : pathAndQuery.substring(q + 1), "127.0.0.1", false));
    }

    private static Decision allowOnly(AccessRequest request, String... actions) {
        return List.of(actions).contains(request.action()) ? Decision.ALLOW : Decision.NO_IDENTITY_ALLOW;
    }

    @Test
    void aBucketsObjectsAreListedEscapedUnderAPrefixWithS3sChecks() {
        s3.engine().createBucket(ACCOUNT, REGION, "photos", null);
        byte[] data = "meow".getBytes(StandardCharsets.UTF_8);
        s3.engine().putObject("photos", "a/<b>cat</b>.jpg", new ByteArrayInputStream(data), data.length, null, null,
                Map.of());
        s3.engine().putObject("photos", "z/dog.jpg", new ByteArrayInputStream(data), data.length, null, null,
                Map.of());
        String cookie = signIn(r -> allowOnly(r, "s3:ListAllMyBuckets", "s3:ListBucket"));

        assertThat(get("/_wharf/console/buckets", cookie)).startsWith("200").contains("data-bucket=\"photos\"");
        String page = get("/_wharf/console/bucket?name=photos&prefix=a/", cookie);
        assertThat(page).startsWith("200").contains("a/&lt;b&gt;cat&lt;/b&gt;.jpg").doesNotContain("<b>cat")
                .doesNotContain("dog.jpg");
        assertThat(get("/_wharf/console/bucket?name=nothing", cookie)).startsWith("404").contains("NoSuchBucket");
        assertThat(asked).contains("s3:ListAllMyBuckets *", "s3:ListBucket arn:aws:s3:::photos");
    }

    @Test
    void aDeniedListingShowsS3sAccessDenied() {
        s3.engine().createBucket(ACCOUNT, REGION, "photos", null);
        String cookie = signIn(r -> allowOnly(r, "s3:ListAllMyBuckets"));

        assertThat(get("/_wharf/console/bucket?name=photos", cookie)).startsWith("403").contains("AccessDenied")
                .doesNotContain("data-key");
    }

    @Test
    void tablesAskListTablesThenDescribeTableOnEachArn() {
        dynamodb.service().engine().create(ACCOUNT, REGION, new NewTable("orders",
                List.of(new NewTable.KeyElement("pk", "HASH"), new NewTable.KeyElement("sk", "RANGE")),
                Map.of("pk", "S", "sk", "N"), List.of(), List.of(), "PAY_PER_REQUEST", null, null, null, null, null,
                null, null, Map.of(), false, null));
        String cookie = signIn(r -> allowOnly(r, "dynamodb:ListTables"));

        String list = get("/_wharf/console/tables", cookie);
        assertThat(list).startsWith("200").contains("data-table=\"orders\"").contains("AccessDeniedException")
                .doesNotContain("pk (HASH)");
        assertThat(get("/_wharf/console/table?name=orders", cookie)).startsWith("403")
                .contains("AccessDeniedException");
        assertThat(asked).contains("dynamodb:ListTables *",
                "dynamodb:DescribeTable arn:aws:dynamodb:us-east-1:000000000000:table/orders");

        String allowed = signIn(r -> Decision.ALLOW);
        assertThat(get("/_wharf/console/tables", allowed)).contains("pk (HASH), sk (RANGE)").contains("ACTIVE");
        assertThat(get("/_wharf/console/table?name=other", allowed)).contains("ResourceNotFoundException");
    }

    @Test
    void anAlarmsHistoryIsAskedOnTheAlarmsArn() {
        AlarmConfig config = alarm("depth", ">=", 5.0);
        cloudWatch.alarms().put(ACCOUNT, REGION, config, Map.of());
        String cookie = signIn(r -> allowOnly(r, "cloudwatch:DescribeAlarms"));

        assertThat(get("/_wharf/console/alarms", cookie)).startsWith("200").contains("data-alarm=\"depth\"")
                .contains("&gt;= 5");
        assertThat(get("/_wharf/console/alarm?name=depth", cookie)).startsWith("200").contains("id=\"history-error\"")
                .contains("AccessDenied");
        assertThat(get("/_wharf/console/alarm?name=none", cookie)).startsWith("404").contains("No alarm named none");
        assertThat(asked).contains("cloudwatch:DescribeAlarms *",
                "cloudwatch:DescribeAlarmHistory arn:aws:cloudwatch:us-east-1:000000000000:alarm:depth");
    }

    @Test
    void thresholdsReadAsComparisons() {
        assertThat(AlarmPages.threshold(alarm("a", "GreaterThanOrEqualToThreshold", 5.0))).isEqualTo(">= 5");
        assertThat(AlarmPages.threshold(alarm("a", "LessThanThreshold", 0.25))).isEqualTo("< 0.25");
        assertThat(AlarmPages.threshold(alarm("a", "LessThanLowerOrGreaterThanUpperThreshold", 1e21)))
                .isEqualTo("LessThanLowerOrGreaterThanUpperThreshold 1000000000000000000000");
        assertThat(AlarmPages.metric(alarm("a", "GreaterThanThreshold", 1))).isEqualTo("Shop Depth (Maximum, 60 s)");
    }

    private static AlarmConfig alarm(String name, String operator, double threshold) {
        return new AlarmConfig(name, null, true, List.of(), List.of(), List.of(), "Shop", "Depth", List.of(),
                "Maximum", null, 60, null, 1, 1, threshold, operator.equals(">=") ? "GreaterThanOrEqualToThreshold"
                : operator, "missing");
    }
}
