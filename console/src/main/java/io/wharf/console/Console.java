package io.wharf.console;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.auth.AuthException;
import io.wharf.protocol.auth.CredentialStore;
import io.wharf.protocol.auth.Principal;
import io.wharf.protocol.auth.Regions;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The web console behind {@code /_wharf/console/}: the front door hands it every request under that path, on the
 * request's virtual thread. Pages are GETs; everything that changes something is a POST carrying the session's CSRF
 * token. With sign-in on (the server verifies signatures) a browser signs in with an access key pair and acts as its
 * principal; otherwise it acts as the root of the account it shows, as an unsigned API call would.
 */
public final class Console implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Console.class);
    static final String COOKIE = "wharf_console";
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private final ConsoleSources sources;
    private final Sessions sessions;
    private final SignInThrottle throttle;
    private final Html html = new Html();
    private final StaticFiles files = new StaticFiles();
    private final Sampling sampling;
    private final QueuePages queues;
    private final TopicPages topics;
    private final StreamPages streams;
    private final BucketPages buckets;
    private final DeliveryStreamPages deliveryStreams;
    private final TablePages tables;
    private final AlarmPages alarms;

    Console(ConsoleSources sources, int maxSessions) {
        this.sources = sources;
        this.sessions = new Sessions(sources.clock(), maxSessions);
        this.throttle = new SignInThrottle(sources.clock());
        this.sampling = new Sampling(sources);
        ConsoleAccess access = new ConsoleAccess(sources.mode(), sources.access());
        this.queues = new QueuePages(sources.sqs(), access, sampling.sampler(), html);
        this.topics = new TopicPages(sources.sns(), access, sampling.sampler(), html);
        this.streams = new StreamPages(sources.kinesis(), access, sampling.sampler(), html);
        this.buckets = sources.s3() == null ? null : new BucketPages(sources.s3(), access, html);
        this.deliveryStreams = sources.firehose() == null ? null
                : new DeliveryStreamPages(sources.firehose(), access, html);
        this.tables = sources.dynamodb() == null ? null : new TablePages(sources.dynamodb(), access, html);
        this.alarms = sources.cloudWatch() == null ? null : new AlarmPages(sources.cloudWatch(), access, html);
    }

    /** A console that samples the engines in the background until closed. */
    public static Console start(ConsoleSources sources) {
        Console console = new Console(sources, Sessions.DEFAULT_MAX_SESSIONS);
        console.sampling.start();
        return console;
    }

    /** Whether {@code path} is the console's. */
    public static boolean serves(String path) {
        return path.equals(Html.PREFIX) || path.startsWith(Html.PREFIX + "/");
    }

    /** Answers one request under {@code /_wharf/console}; never throws. */
    public WireResponse handle(WireRequest request) {
        try {
            return route(request);
        } catch (Visit.MissingParameter e) {
            return Html.text(400, e.getMessage());
        } catch (RuntimeException e) {
            String id = java.util.UUID.randomUUID().toString();
            log.error("console failure {} answering {} {}", id, request.method(), request.path(), e);
            return Html.text(500, "Internal error " + id + " (the server log has its cause).");
        }
    }

    private WireResponse route(WireRequest request) {
        String path = request.path().substring(Html.PREFIX.length());
        boolean post = request.method().equals("POST");
        if (!post && !request.method().equals("GET") && !request.method().equals("HEAD")) {
            return Html.text(405, "Method not allowed").withHeader("Allow", "GET, HEAD, POST");
        }
        if (path.startsWith("/static/") && !post) {
            return files.serve(path.substring("/static/".length()));
        }
        if (path.isEmpty() || path.equals("/")) {
            return Html.redirect(Html.PREFIX + "/queues");
        }
        Map<String, String> form = Map.of();
        if (post) {
            if (crossSite(request)) {
                return Html.text(403, "Cross-site form submissions are refused.");
            }
            if (request.bodyLength() > Forms.MAX_FORM_BYTES) {
                return Html.text(413, "The form is too large.");
            }
            form = Forms.parse(request.bodyText());
        }
        boolean signInOn = sources.mode().verifiesSignatures();
        if (path.equals("/sign-in")) {
            if (!signInOn) {
                return Html.redirect(Html.PREFIX + "/queues");
            }
            return post ? signIn(request, form) : html.page(200, "signIn", Html.params("error", null));
        }
        Sessions.Session session = sessions.find(Forms.cookie(request.header("cookie"), COOKIE));
        String newCookie = null;
        if (session == null) {
            if (signInOn || post) {
                if (request.header("hx-request") != null) {
                    return Html.text(401, "Signed out").withHeader("HX-Redirect", Html.PREFIX + "/sign-in");
                }
                return signInOn ? Html.redirect(Html.PREFIX + "/sign-in")
                        : Html.text(403, "Your console session ended: reload the page.");
            }
            session = sessions.create(Principal.root(sources.defaultAccount(), null));
            newCookie = cookie(session.id, request, Sessions.LIFETIME.toSeconds());
        }
        if (post && !session.csrfMatches(form.get("csrf"))) {
            return Html.text(403, "The form's CSRF token is not this session's: reload the page.");
        }
        if (path.equals("/sign-out") && post) {
            sessions.remove(session.id);
            return Html.redirect(Html.PREFIX + (signInOn ? "/sign-in" : "/queues"))
                    .withHeader("Set-Cookie", cookie("", request, 0));
        }
        Visit visit = new Visit(request, session, caller(request, session, form, signInOn), form, signInOn);
        WireResponse response = dispatch(path, post, visit);
        return newCookie == null ? response : response.withHeader("Set-Cookie", newCookie);
    }

    private WireResponse dispatch(String path, boolean post, Visit v) {
        if (post) {
            return switch (path) {
                case "/queue/send" -> queues.send(v);
                case "/queue/purge" -> queues.purge(v);
                case "/queue/redrive" -> queues.redrive(v);
                case "/topic/publish" -> topics.publish(v);
                default -> Html.text(404, "Not found");
            };
        }
        return switch (path) {
            case "/queues" -> queues.list(v);
            case "/queues/rows" -> queues.rows(v);
            case "/queue" -> queues.page(v);
            case "/queue/numbers" -> queues.numbers(v);
            case "/queue/peek" -> queues.peek(v);
            case "/queue/series" -> queues.series(v);
            case "/topics" -> topics.list(v);
            case "/topics/rows" -> topics.rows(v);
            case "/topic" -> topics.page(v);
            case "/topic/numbers" -> topics.numbers(v);
            case "/topic/series" -> topics.series(v);
            case "/streams" -> streams.list(v);
            case "/streams/rows" -> streams.rows(v);
            case "/stream" -> streams.page(v);
            case "/stream/numbers" -> streams.numbers(v);
            case "/stream/records" -> streams.records(v);
            case "/stream/series" -> streams.series(v);
            case "/buckets" -> buckets == null ? notFound() : buckets.list(v);
            case "/bucket" -> buckets == null ? notFound() : buckets.page(v);
            case "/delivery-streams" -> deliveryStreams == null ? notFound() : deliveryStreams.list(v);
            case "/delivery-stream" -> deliveryStreams == null ? notFound() : deliveryStreams.page(v);
            case "/tables" -> tables == null ? notFound() : tables.list(v);
            case "/table" -> tables == null ? notFound() : tables.page(v);
            case "/alarms" -> alarms == null ? notFound() : alarms.list(v);
            case "/alarm" -> alarms == null ? notFound() : alarms.page(v);
            default -> notFound();
        };
    }

    private static WireResponse notFound() {
        return Html.text(404, "Not found");
    }

    /**
     * Signs in with an access key pair: the secret is compared with IAM's in constant time; neither is logged. A key
     * IAM does not know and a wrong secret get the same answer.
     */
    private WireResponse signIn(WireRequest request, Map<String, String> form) {
        String keyId = form.getOrDefault("accessKeyId", "").trim();
        String secret = form.getOrDefault("secretAccessKey", "");
        String address = request.origin().sourceIp();
        if (!throttle.allowed(address)) {
            return html.page(429, "signIn", Html.params("error",
                    "Too many failed sign-ins from this address: try again in a minute."));
        }
        Principal principal = null;
        if (!keyId.isEmpty() && !secret.isEmpty()) {
            try {
                CredentialStore.SigningIdentity identity = sources.credentials().find(keyId, null,
                        sources.clock().instant());
                if (MessageDigest.isEqual(identity.secretAccessKey().getBytes(StandardCharsets.UTF_8),
                        secret.getBytes(StandardCharsets.UTF_8))) {
                    principal = identity.principal();
                }
            } catch (AuthException | AwsException e) {
                principal = null; // unknown or inactive key
            }
        }
        if (principal == null) {
            throttle.failed(address);
            log.info("console sign-in refused for access key {} from {}", keyId.isEmpty() ? "(none)" : keyId,
                    request.origin().sourceIp());
            return html.page(401, "signIn", Html.params("error",
                    "The access key ID or the secret access key is not right."));
        }
        throttle.succeeded(address);
        Sessions.Session session = sessions.create(principal);
        log.info("console sign-in as {} from {}", principal.arn(), request.origin().sourceIp());
        return Html.redirect(Html.PREFIX + "/queues")
                .withHeader("Set-Cookie", cookie(session.id, request, Sessions.LIFETIME.toSeconds()));
    }

    /** Who acts and on what: the principal's own account when signed in, else the one asked for (or the default). */
    private Caller caller(WireRequest request, Sessions.Session session, Map<String, String> form, boolean signInOn) {
        String account = sources.defaultAccount();
        if (signInOn && session.principal.accountId() != null) {
            account = session.principal.accountId();
        } else {
            String asked = form.getOrDefault("account", request.firstQuery("account"));
            if (asked != null && ACCOUNT.matcher(asked).matches()) {
                account = asked;
            }
        }
        String region = form.getOrDefault("region", request.firstQuery("region"));
        if (region == null || !Regions.valid(region) || region.equals(Regions.GLOBAL)) {
            region = sources.defaultRegion();
        }
        Principal principal = signInOn ? session.principal : Principal.root(account, null);
        return new Caller(principal, account, region, request.origin().sourceIp(), request.origin().secure());
    }

    /** A form posted from another site: browsers say so in {@code Sec-Fetch-Site} (or an {@code Origin}). */
    private static boolean crossSite(WireRequest request) {
        String site = request.header("sec-fetch-site");
        if (site != null) {
            return !site.equals("same-origin") && !site.equals("none");
        }
        String origin = request.header("origin");
        String host = request.header("host");
        return origin != null && host != null && !origin.equals("null")
                && !origin.replaceFirst("^https?://", "").equals(host);
    }

    private static String cookie(String value, WireRequest request, long maxAgeSeconds) {
        return COOKIE + "=" + value + "; Path=" + Html.PREFIX + "; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (request.origin().secure() ? "; Secure" : "");
    }

    int sessionCount() {
        return sessions.size();
    }

    @Override
    public void close() {
        sampling.close();
    }
}
