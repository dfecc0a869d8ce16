package io.wharf.server.config;

import java.nio.file.Path;
import io.wharf.kinesis.KinesisSettings;
import io.wharf.protocol.auth.AuthMode;
import io.wharf.server.http.ConnectionLimits;
import io.wharf.server.outbound.TargetPattern;
import io.wharf.storage.FsyncMode;
import io.wharf.storage.RocksTuning;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything a Wharf server is started with. Immutable; the canonical constructor validates every value
 * once, so a running server never meets a bad setting. Build one with {@link #builder()} (defaults
 * filled in) or from the command line with {@link CommandLineConfig}.
 *
 * @param host            address to bind ({@code 127.0.0.1}: only this machine can connect)
 * @param port            TCP port; 0 picks a free one (tests)
 * @param dataDir         where durable state lives (created at start unless {@code inMemory})
 * @param inMemory        keep everything in memory; nothing survives a restart
 * @param accountId       the 12-digit account every request acts as
 * @param region          the region in ARNs and queue URLs when a request names none
 * @param hostname        host[:port] used in queue URLs; without a port the listening port is appended;
 *                        null = each request's Host header
 * @param relaxed         turn off AWS's deliberate waiting periods (e.g. 60 s between queue purges)
 * @param maxRequestBytes largest accepted request body; larger ones get 413 and the connection is closed
 * @param shutdownTimeout how long a stopping server waits for in-flight requests (long polls) to finish
 * @param fsync           how durable an acknowledged write is: fsync'd (ALWAYS) or only written (NEVER)
 * @param smtpHost        the SMTP server SNS mails email/email-json subscriptions through; null = none (logged)
 * @param smtpPort        its port
 * @param tlsPort         the TLS port (HTTP/1.1 and HTTP/2 with ALPN); -1 = no TLS port, 0 = any free one
 * @param tlsCertificate  PEM certificate chain for the TLS port; null = Wharf's self-signed one
 * @param tlsKey          PEM PKCS#8 private key of {@code tlsCertificate}
 * @param kinesisTransitionMillis how long a Kinesis stream stays CREATING/UPDATING/DELETING (and a consumer
 *                        CREATING/DELETING); 0 = at once
 * @param kinesisShardLimit open Kinesis shards allowed per account and region (DescribeLimits' ShardLimit)
 * @param kinesisEnforceLimits refuse what exceeds a Kinesis shard's throughput (ProvisionedThroughputExceeded),
 *                        as AWS does; false = never throttle
 * @param auth            how requests are authenticated and authorised; null = {@link #effectiveAuth()}'s default
 *                        (off when every listener is on a loopback address, enforce otherwise)
 * @param rootKey         the root access key of {@code accountId}; null = generated on first start and kept in the
 *                        data directory (when signatures are verified)
 * @param accounts        further accounts with their root keys ({@code --account ID:KEY:SECRET})
 * @param auditLog        where one JSON line per API call goes: a file, {@code stdout}, or null for none
 * @param deliveryAllow   HTTP/S endpoints and mail domains SNS may deliver to over the defaults' denials: CIDR
 *                        blocks, addresses, host patterns ({@link TargetPattern}); see
 *                        {@link io.wharf.server.outbound.OutboundRules}
 * @param deliveryDeny    what SNS never delivers to, whatever else allows it (same forms)
 * @param masterKeyFile   the file holding the master key that wraps KMS key material and other secrets at rest;
 *                        null = {@code <dataDir>/master-key} (see {@link #effectiveMasterKeyFile()}); not used
 *                        {@code inMemory}, where the master key lives only as long as the process
 * @param publicUrl       {@code http(s)://host[:port]} every URL Wharf mints starts with, whichever listener a request
 *                        came in on (a proxy or load balancer in front of Wharf); null = by listener ({@code hostname})
 * @param repair          salvage a damaged store (or accept a missing one) before starting, logging what was dropped
 * @param connectionLimits per-connection timeouts, the connection cap, the in-flight body budget and HTTP/2 stream
 *                        limits ({@code --idle-timeout}, {@code --header-timeout}, {@code --body-timeout},
 *                        {@code --max-connections}, {@code --max-inflight-bytes}, {@code --http2-max-streams})
 * @param firehose        Firehose's creation delay and, for embedding and tests, where it writes objects
 * @param logging         request log, level and format ({@code --log-requests}, {@code --log-level}, {@code --log-format})
 * @param cloudWatchPublishInterval how often the services' AWS/* metrics go into CloudWatch
 *                        ({@code --cloudwatch-publish-interval}, 1-60 s; null = {@link #DEFAULT_CLOUDWATCH_PUBLISH_INTERVAL})
 * @param sqsMaxInflightMessages in-flight SQS messages of all queues together ({@code --sqs-max-inflight-messages};
 *                        0 = {@link #DEFAULT_SQS_MAX_INFLIGHT_MESSAGES}); AWS caps each queue only
 * @param storeTuning     the durable store's live log cap and memtable budget ({@code --store-wal-mib},
 *                        {@code --store-memtable-mib}); null = {@link RocksTuning#DEFAULTS}
 */
public record WharfConfig(String host, int port, Path dataDir, boolean inMemory, String accountId, String region,
                          String hostname, boolean relaxed, int maxRequestBytes, Duration shutdownTimeout,
                          FsyncMode fsync, String smtpHost, int smtpPort, int tlsPort, Path tlsCertificate,
                          Path tlsKey, long kinesisTransitionMillis, int kinesisShardLimit,
                          boolean kinesisEnforceLimits, AuthMode auth, AccountKey rootKey, List<AccountKey> accounts,
                          String auditLog, List<String> deliveryAllow, List<String> deliveryDeny,
                          Path masterKeyFile, String publicUrl, boolean repair,
                          ConnectionLimits connectionLimits, FirehoseOptions firehose, LoggingOptions logging,
                          Duration cloudWatchPublishInterval, long sqsMaxInflightMessages, RocksTuning storeTuning) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 4566;
    public static final String DEFAULT_DATA_DIR = "./data";
    public static final String DEFAULT_ACCOUNT_ID = "000000000000";
    public static final String DEFAULT_REGION = "us-east-1";
    /**
     * 16 MiB: the largest AWS request we will serve is Kinesis PutRecords, 10 MiB of data that arrives
     * base64-encoded in JSON (x 4/3 = 13.4 MiB) plus partition keys and framing.
     */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024;
    public static final int MIN_REQUEST_BYTES = 64 * 1024;
    public static final int MAX_REQUEST_BYTES = 256 * 1024 * 1024;
    /** Long polls last up to 20 s; 25 s lets every one of them answer before the process goes. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(25);
    public static final Duration MAX_SHUTDOWN_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_SMTP_PORT = 25;
    /** AWS publishes its services' metrics once a minute; shorter intervals are for tests and demos. */
    public static final Duration DEFAULT_CLOUDWATCH_PUBLISH_INTERVAL = Duration.ofMinutes(1);
    /** One million: eight queues at AWS's 120,000 each, ~230-290 MB of heap (docs/benchmarks.md). */
    public static final long DEFAULT_SQS_MAX_INFLIGHT_MESSAGES = io.wharf.sqs.engine.SqsLimits.MAX_INFLIGHT_TOTAL;

    public static final long DEFAULT_KINESIS_TRANSITION_MILLIS = KinesisSettings.DEFAULT_TRANSITION_MILLIS;
    public static final int DEFAULT_KINESIS_SHARD_LIMIT = KinesisSettings.DEFAULT_SHARD_LIMIT;

    private static final Pattern ACCOUNT_ID_PATTERN = Pattern.compile("\\d{12}");
    private static final Pattern REGION_PATTERN = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern HOST_NAME_PATTERN = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+]");

    public WharfConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(fsync, "fsync");
        if (logging == null) {
            logging = LoggingOptions.DEFAULT;
        }
        if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException(Setting.HOST, String.valueOf(host), "expected an address such as 127.0.0.1 or 0.0.0.0");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(Setting.PORT, Integer.toString(port), "expected 0-65535 (0 = any free port)");
        }
        if (accountId == null || !ACCOUNT_ID_PATTERN.matcher(accountId).matches()) {
            throw new ConfigException(Setting.ACCOUNT_ID, String.valueOf(accountId), "expected exactly 12 digits");
        }
        if (region == null || !REGION_PATTERN.matcher(region).matches()) {
            throw new ConfigException(Setting.REGION, String.valueOf(region), "expected a region such as us-east-1");
        }
        if (hostname != null) {
            validateHostname(hostname);
        }
        if (maxRequestBytes < MIN_REQUEST_BYTES || maxRequestBytes > MAX_REQUEST_BYTES) {
            throw new ConfigException(Setting.MAX_REQUEST_BYTES, Integer.toString(maxRequestBytes),
                    "expected " + MIN_REQUEST_BYTES + "-" + MAX_REQUEST_BYTES + " bytes");
        }
        if (smtpHost != null && (smtpHost.isBlank() || smtpHost.chars().anyMatch(Character::isWhitespace))) {
            throw new ConfigException(Setting.SMTP_HOST, smtpHost, "expected a host name or address");
        }
        if (smtpPort < 1 || smtpPort > 65535) {
            throw new ConfigException(Setting.SMTP_PORT, Integer.toString(smtpPort), "expected 1-65535");
        }
        if (tlsPort < -1 || tlsPort > 65535) {
            throw new ConfigException(Setting.TLS_PORT, Integer.toString(tlsPort), "expected 0-65535 (0 = any free port)");
        }
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new ConfigException(tlsCertificate == null ? Setting.TLS_KEY : Setting.TLS_CERT,
                    String.valueOf(tlsCertificate == null ? tlsKey : tlsCertificate),
                    "--tls-cert and --tls-key go together");
        }
        if (shutdownTimeout.isNegative() || shutdownTimeout.compareTo(MAX_SHUTDOWN_TIMEOUT) > 0) {
            throw new ConfigException(Setting.SHUTDOWN_TIMEOUT, Long.toString(shutdownTimeout.toSeconds()),
                    "expected 0-" + MAX_SHUTDOWN_TIMEOUT.toSeconds() + " seconds");
        }
        if (kinesisTransitionMillis < 0 || kinesisTransitionMillis > KinesisSettings.MAX_TRANSITION_MILLIS) {
            throw new ConfigException(Setting.KINESIS_TRANSITION_MS, Long.toString(kinesisTransitionMillis),
                    "expected 0-" + KinesisSettings.MAX_TRANSITION_MILLIS + " milliseconds");
        }
        if (kinesisShardLimit < 1 || kinesisShardLimit > 1_000_000) {
            throw new ConfigException(Setting.KINESIS_SHARD_LIMIT, Integer.toString(kinesisShardLimit),
                    "expected 1-1000000 shards");
        }
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        validateAccounts(accountId, rootKey, accounts);
        if (auditLog != null && auditLog.isBlank()) {
            throw new ConfigException(Setting.AUDIT_LOG, auditLog, "expected a file or stdout");
        }
        if (inMemory && rootKey == null && effectiveAuth(auth, host).verifiesSignatures()) {
            throw new ConfigException(Setting.ROOT_ACCESS_KEY_ID, "", "--in-memory with --auth "
                    + effectiveAuth(auth, host).name().toLowerCase(java.util.Locale.ROOT)
                    + " needs --root-access-key-id and --root-secret-access-key (there is no data directory to keep a "
                    + "generated key in)");
        }
        deliveryAllow = validTargets(Setting.DELIVERY_ALLOW, deliveryAllow);
        deliveryDeny = validTargets(Setting.DELIVERY_DENY, deliveryDeny);
        publicUrl = validPublicUrl(publicUrl);
        validateConnectionLimits(connectionLimits == null ? ConnectionLimits.DEFAULTS : connectionLimits, maxRequestBytes);
        connectionLimits = connectionLimits == null ? ConnectionLimits.DEFAULTS : connectionLimits;
        firehose = firehose == null ? FirehoseOptions.DEFAULTS : firehose;
        if (cloudWatchPublishInterval == null) {
            cloudWatchPublishInterval = DEFAULT_CLOUDWATCH_PUBLISH_INTERVAL;
        }
        if (cloudWatchPublishInterval.toMillis() < 1000 || cloudWatchPublishInterval.toMillis() > 60_000
                || cloudWatchPublishInterval.toMillis() % 1000 != 0) {
            throw new ConfigException(Setting.CLOUDWATCH_PUBLISH_INTERVAL,
                    Long.toString(cloudWatchPublishInterval.toSeconds()), "expected 1-60 seconds");
        }
        if (sqsMaxInflightMessages == 0) {
            sqsMaxInflightMessages = DEFAULT_SQS_MAX_INFLIGHT_MESSAGES;
        }
        if (storeTuning == null) {
            storeTuning = RocksTuning.DEFAULTS;
        }
        if (sqsMaxInflightMessages < 1) {
            throw new ConfigException(Setting.SQS_MAX_INFLIGHT_MESSAGES, Long.toString(sqsMaxInflightMessages),
                    "expected a positive number of messages");
        }
    }

    /** As the canonical constructor, publishing the AWS/* metrics every minute. */
    public WharfConfig(String host, int port, Path dataDir, boolean inMemory, String accountId, String region,
                       String hostname, boolean relaxed, int maxRequestBytes, Duration shutdownTimeout,
                       FsyncMode fsync, String smtpHost, int smtpPort, int tlsPort, Path tlsCertificate,
                       Path tlsKey, long kinesisTransitionMillis, int kinesisShardLimit,
                       boolean kinesisEnforceLimits, AuthMode auth, AccountKey rootKey, List<AccountKey> accounts,
                       String auditLog, List<String> deliveryAllow, List<String> deliveryDeny,
                       Path masterKeyFile, String publicUrl, boolean repair,
                       ConnectionLimits connectionLimits, FirehoseOptions firehose, LoggingOptions logging) {
        this(host, port, dataDir, inMemory, accountId, region, hostname, relaxed, maxRequestBytes, shutdownTimeout,
                fsync, smtpHost, smtpPort, tlsPort, tlsCertificate, tlsKey, kinesisTransitionMillis, kinesisShardLimit,
                kinesisEnforceLimits, auth, rootKey, accounts, auditLog, deliveryAllow, deliveryDeny, masterKeyFile,
                publicUrl, repair, connectionLimits, firehose, logging, null, 0, null);
    }

    /** {@code http(s)://host[:port]}, a trailing '/' dropped; nothing after the authority (URLs are built on it). */
    private static String validPublicUrl(String publicUrl) {
        if (publicUrl == null) {
            return null;
        }
        String url = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        int scheme = url.indexOf("://");
        if (scheme < 0 || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new ConfigException(Setting.PUBLIC_URL, publicUrl,
                    "expected http://host[:port] or https://host[:port], such as https://wharf.example.com");
        }
        try {
            validateHostname(url.substring(scheme + 3));
        } catch (ConfigException e) {
            throw new ConfigException(Setting.PUBLIC_URL, publicUrl,
                    "expected http://host[:port] or https://host[:port] (no path, no query)");
        }
        return url;
    }

    /** The master key file in force: {@code --master-key-file}, else {@code <data-dir>/master-key}. */
    public Path effectiveMasterKeyFile() {
        return masterKeyFile != null ? masterKeyFile : dataDir.resolve("master-key");
    }

    public static final long MAX_CONNECTION_TIMEOUT_SECONDS = 3600;

    private static void validateConnectionLimits(ConnectionLimits limits, int maxRequestBytes) {
        timeout(Setting.IDLE_TIMEOUT, limits.idleTimeout());
        timeout(Setting.HEADER_TIMEOUT, limits.headerTimeout());
        timeout(Setting.BODY_TIMEOUT, limits.bodyTimeout());
        if (limits.maxConnections() < 0 || limits.maxConnections() > 1_000_000) {
            throw new ConfigException(Setting.MAX_CONNECTIONS, Integer.toString(limits.maxConnections()),
                    "expected 1-1000000 (0 = from the file descriptor limit)");
        }
        if (limits.maxInflightBytes() != 0 && limits.maxInflightBytes() < maxRequestBytes) {
            throw new ConfigException(Setting.MAX_INFLIGHT_BYTES, Long.toString(limits.maxInflightBytes()),
                    "expected at least --max-request-bytes (" + maxRequestBytes + "), or 0 for the default");
        }
        if (limits.http2MaxStreams() < 1 || limits.http2MaxStreams() > 10_000) {
            throw new ConfigException(Setting.HTTP2_MAX_STREAMS, Integer.toString(limits.http2MaxStreams()),
                    "expected 1-10000 streams");
        }
    }

    private static void timeout(Setting setting, Duration value) {
        if (value.toSeconds() < 1 || value.toSeconds() > MAX_CONNECTION_TIMEOUT_SECONDS) {
            throw new ConfigException(setting, Long.toString(value.toSeconds()),
                    "expected 1-" + MAX_CONNECTION_TIMEOUT_SECONDS + " seconds");
        }
    }

    /** Each account once, each access key once, and no extra account that is the main one. */
    private static void validateAccounts(String accountId, AccountKey rootKey, List<AccountKey> accounts) {
        Set<String> accountIds = new HashSet<>(List.of(accountId));
        Set<String> keys = new HashSet<>();
        if (rootKey != null) {
            keys.add(rootKey.accessKeyId());
        }
        for (AccountKey account : accounts) {
            if (!accountIds.add(account.accountId())) {
                throw new ConfigException(Setting.ACCOUNTS, account.accountId(),
                        "this account is already configured (each account once; --account-id has its own flags)");
            }
            if (!keys.add(account.accessKeyId())) {
                throw new ConfigException(Setting.ACCOUNTS, account.accessKeyId(), "this access key id is used twice");
            }
        }
    }

    /**
     * The auth mode in force: the configured one, else {@code off} when the listener is on a loopback address and
     * {@code enforce} otherwise (a server others can reach is never open by default).
     */
    public AuthMode effectiveAuth() {
        return effectiveAuth(auth, host);
    }

    private static AuthMode effectiveAuth(AuthMode auth, String host) {
        return auth != null ? auth : isLoopback(host) ? AuthMode.OFF : AuthMode.ENFORCE;
    }

    /** Whether every listener (the plain and the TLS port share {@code --host}) is on a loopback address. */
    public boolean listensOnLoopbackOnly() {
        return isLoopback(host);
    }

    private static boolean isLoopback(String host) {
        String address = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (address.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // Only literal addresses: a name is not resolved here (that could hang start-up); a name is not loopback.
            if (!address.matches("[0-9.]+") && !address.contains(":")) {
                return false;
            }
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Every account's root key given in the configuration: {@code --account-id}'s first, if given. */
    public List<AccountKey> accountKeys() {
        List<AccountKey> all = new ArrayList<>();
        if (rootKey != null) {
            all.add(rootKey);
        }
        all.addAll(accounts);
        return all;
    }

    /** An immutable copy (null = none), each entry parsed once here so a typo stops the start. */
    private static List<String> validTargets(Setting setting, List<String> entries) {
        if (entries == null) {
            return List.of();
        }
        for (String entry : entries) {
            if (entry == null) {
                throw new ConfigException(setting, "", "empty entry");
            }
            try {
                TargetPattern.parse(entry);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(setting, entry, e.getMessage());
            }
        }
        return List.copyOf(entries);
    }

    /**
     * The Kinesis engine's settings: AWS's quotas, with this configuration's transition time, shard limit and
     * throughput enforcement.
     */
    public KinesisSettings kinesis() {
        return KinesisSettings.defaults().withTransitionMillis(kinesisTransitionMillis).withShardLimit(kinesisShardLimit)
                .withEnforceLimits(kinesisEnforceLimits);
    }

    private static void validateHostname(String hostname) {
        String host = hostname;
        int colon = hostname.lastIndexOf(':');
        if (colon > hostname.lastIndexOf(']')) {
            host = hostname.substring(0, colon);
            String port = hostname.substring(colon + 1);
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new ConfigException(Setting.HOSTNAME, hostname, "the port after ':' must be 1-65535");
            }
        }
        if (!HOST_NAME_PATTERN.matcher(host).matches()) {
            throw new ConfigException(Setting.HOSTNAME, hostname,
                    "expected host or host:port, such as localhost or wharf.internal:4566 (no scheme, no path)");
        }
    }

    /** The host[:port] to put in resource URLs, given the port the server really listens on; null = per request. */
    public String urlHost(int listeningPort) {
        if (hostname == null) {
            return null;
        }
        return hostname.lastIndexOf(':') > hostname.lastIndexOf(']') ? hostname : hostname + ":" + listeningPort;
    }

    /**
     * The host[:port] to put in the URLs of requests that came over the TLS listener: {@code --hostname}'s host with
     * the TLS port (a port in {@code --hostname} names the plain listener); null = per request.
     */
    public String tlsUrlHost(int tlsPort) {
        if (hostname == null) {
            return null;
        }
        int colon = hostname.lastIndexOf(':');
        return (colon > hostname.lastIndexOf(']') ? hostname.substring(0, colon) : hostname) + ":" + tlsPort;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder with every default filled in; {@link #build()} validates. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path dataDir = Path.of(DEFAULT_DATA_DIR);
        private boolean inMemory;
        private String accountId = DEFAULT_ACCOUNT_ID;
        private String region = DEFAULT_REGION;
        private String hostname;
        private boolean relaxed;
        private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private LoggingOptions logging = LoggingOptions.DEFAULT;
        private Duration cloudWatchPublishInterval = DEFAULT_CLOUDWATCH_PUBLISH_INTERVAL;
        private long sqsMaxInflightMessages = DEFAULT_SQS_MAX_INFLIGHT_MESSAGES;

        /** {@code --cloudwatch-publish-interval}: how often the AWS/* metrics go into CloudWatch (1-60 s). */
        public Builder cloudWatchPublishInterval(Duration value) { cloudWatchPublishInterval = value; return this; }
        public Builder sqsMaxInflightMessages(long value) { sqsMaxInflightMessages = value; return this; }
        private long storeWalMib = RocksTuning.DEFAULT_WAL_BYTES >> 20;
        private long storeMemtableMib = RocksTuning.DEFAULT_MEMTABLE_BYTES >> 20;

        /** {@code --store-wal-mib}: the durable store's live write-ahead log cap, in MiB. */
        public Builder storeWalMib(long value) { storeWalMib = value; return this; }
        /** {@code --store-memtable-mib}: what the durable store's memtables may hold together, in MiB. */
        public Builder storeMemtableMib(long value) { storeMemtableMib = value; return this; }
        private FsyncMode fsync = FsyncMode.ALWAYS;
        private String smtpHost;
        private int smtpPort = DEFAULT_SMTP_PORT;
        private int tlsPort = -1;
        private Path tlsCertificate;
        private Path tlsKey;
        private long kinesisTransitionMillis = DEFAULT_KINESIS_TRANSITION_MILLIS;
        private int kinesisShardLimit = DEFAULT_KINESIS_SHARD_LIMIT;
        private boolean kinesisEnforceLimits;
        private AuthMode auth;
        private String rootAccessKeyId;
        private String rootSecretAccessKey;
        private final List<AccountKey> accounts = new ArrayList<>();
        private String auditLog;
        private List<String> deliveryAllow = List.of();
        private List<String> deliveryDeny = List.of();
        private Path masterKeyFile;
        private String publicUrl;
        private boolean repair;
        private Duration idleTimeout = ConnectionLimits.DEFAULT_IDLE_TIMEOUT;
        private Duration headerTimeout = ConnectionLimits.DEFAULT_HEADER_TIMEOUT;
        private Duration bodyTimeout = ConnectionLimits.DEFAULT_BODY_TIMEOUT;
        private int maxConnections;
        private long maxInflightBytes;
        private int http2MaxStreams = ConnectionLimits.DEFAULT_HTTP2_MAX_STREAMS;
        private FirehoseOptions firehose = FirehoseOptions.DEFAULTS;
        private String firehoseS3Endpoint;
        private String firehoseS3Region;
        private String firehoseS3AccessKeyId;
        private String firehoseS3SecretAccessKey;
        private Path firehoseS3CredentialsFile;

        private Builder() {
        }

        public Builder host(String value) { host = value; return this; }

        public Builder port(int value) { port = value; return this; }

        public Builder dataDir(Path value) { dataDir = value; return this; }

        public Builder inMemory(boolean value) { inMemory = value; return this; }

        public Builder accountId(String value) { accountId = value; return this; }

        public Builder region(String value) { region = value; return this; }

        public Builder hostname(String value) { hostname = value; return this; }

        public Builder relaxed(boolean value) { relaxed = value; return this; }
        public Builder logRequests(boolean value) {
            logging = new LoggingOptions(value, logging.level(), logging.format()); return this;
        }
        public Builder logLevel(LoggingOptions.Level value) {
            logging = new LoggingOptions(logging.requests(), value, logging.format()); return this;
        }
        public Builder logFormat(LoggingOptions.Format value) {
            logging = new LoggingOptions(logging.requests(), logging.level(), value); return this;
        }

        public Builder maxRequestBytes(int value) { maxRequestBytes = value; return this; }

        public Builder shutdownTimeout(Duration value) { shutdownTimeout = value; return this; }

        public Builder fsync(FsyncMode value) { fsync = value; return this; }

        public Builder smtpHost(String value) { smtpHost = value; return this; }

        public Builder smtpPort(int value) { smtpPort = value; return this; }

        public Builder tlsPort(int value) { tlsPort = value; return this; }

        public Builder tlsCertificate(Path value) { tlsCertificate = value; return this; }

        public Builder tlsKey(Path value) { tlsKey = value; return this; }
        public Builder kinesisTransitionMillis(long value) { kinesisTransitionMillis = value; return this; }

        public Builder kinesisShardLimit(int value) { kinesisShardLimit = value; return this; }

        public Builder kinesisEnforceLimits(boolean value) { kinesisEnforceLimits = value; return this; }

        /** null = the default for the listener (see {@link WharfConfig#effectiveAuth()}). */
        public Builder auth(AuthMode value) { auth = value; return this; }

        public Builder rootAccessKeyId(String value) { rootAccessKeyId = value; return this; }

        public Builder rootSecretAccessKey(String value) { rootSecretAccessKey = value; return this; }

        /** One more account with its root key. */
        public Builder account(String accountId, String accessKeyId, String secretAccessKey) {
            accounts.add(AccountKey.validated(Setting.ACCOUNTS, accountId, accessKeyId, secretAccessKey));
            return this;
        }

        Builder account(AccountKey value) { accounts.add(value); return this; }

        /** A file, {@code stdout}, or null for no audit log. */
        public Builder auditLog(String value) { auditLog = value; return this; }

        public Builder deliveryAllow(List<String> value) { deliveryAllow = value; return this; }

        public Builder deliveryDeny(List<String> value) { deliveryDeny = value; return this; }

        /** null = {@code <data-dir>/master-key}. */
        public Builder masterKeyFile(Path value) { masterKeyFile = value; return this; }
        /** {@code http(s)://host[:port]}, or null to mint URLs by listener. */
        public Builder publicUrl(String value) { publicUrl = value; return this; }
        public Builder repair(boolean value) { repair = value; return this; }
        public Builder idleTimeout(Duration value) { idleTimeout = value; return this; }

        public Builder headerTimeout(Duration value) { headerTimeout = value; return this; }

        public Builder bodyTimeout(Duration value) { bodyTimeout = value; return this; }

        /** 0 = derived from the file descriptor limit. */
        public Builder maxConnections(int value) { maxConnections = value; return this; }

        /** 0 = the default (64 MiB, or the largest request if larger). */
        public Builder maxInflightBytes(long value) { maxInflightBytes = value; return this; }

        public Builder http2MaxStreams(int value) { http2MaxStreams = value; return this; }

        /** How long a Firehose delivery stream stays CREATING (and an encryption change ENABLING/DISABLING). */
        public Builder firehoseTransitionMillis(long value) { firehose = firehose.withTransitionMillis(value); return this; }

        /** {@code ARN=URL} pairs: the URL stands in for the Lambda function (Firehose's Lambda processor). */
        public Builder lambdaEndpoints(List<String> value) { firehose = firehose.withLambdaEndpoints(value); return this; }
        public Builder opensearchEndpoints(List<String> value) { firehose = firehose.withSearchEndpoints(value); return this; }

        /**
         * The S3 endpoint Firehose delivers its objects to instead of Wharf's own ({@code http(s)://host[:port]},
         * path-style); needs a key ({@link #firehoseS3AccessKeyId} and {@link #firehoseS3SecretAccessKey}, or
         * {@link #firehoseS3CredentialsFile}). null = Wharf's own S3.
         */
        public Builder firehoseS3Endpoint(String value) { firehoseS3Endpoint = value; return this; }

        /** The region requests to {@link #firehoseS3Endpoint} are signed for; null = {@code region}. */
        public Builder firehoseS3Region(String value) { firehoseS3Region = value; return this; }

        public Builder firehoseS3AccessKeyId(String value) { firehoseS3AccessKeyId = value; return this; }

        public Builder firehoseS3SecretAccessKey(String value) { firehoseS3SecretAccessKey = value; return this; }

        /** A file in the AWS credentials-file format, readable by its owner only, holding the key. */
        public Builder firehoseS3CredentialsFile(Path value) { firehoseS3CredentialsFile = value; return this; }

        /** Where Firehose writes its objects instead of Wharf's own S3 (embedding, tests); null = the default. */
        public Builder firehoseSink(io.wharf.firehose.ObjectSink value) { firehose = firehose.withSink(value); return this; }

        /** Checked here (not in the record's constructor) so that a bad value names its flag. */
        private ConnectionLimits connectionLimits() {
            timeout(Setting.IDLE_TIMEOUT, idleTimeout);
            timeout(Setting.HEADER_TIMEOUT, headerTimeout);
            timeout(Setting.BODY_TIMEOUT, bodyTimeout);
            if (maxConnections < 0) {
                throw new ConfigException(Setting.MAX_CONNECTIONS, Integer.toString(maxConnections),
                        "expected 1-1000000 (0 = from the file descriptor limit)");
            }
            if (maxInflightBytes < 0) {
                throw new ConfigException(Setting.MAX_INFLIGHT_BYTES, Long.toString(maxInflightBytes),
                        "expected at least --max-request-bytes, or 0 for the default");
            }
            if (http2MaxStreams < 1) {
                throw new ConfigException(Setting.HTTP2_MAX_STREAMS, Integer.toString(http2MaxStreams),
                        "expected 1-10000 streams");
            }
            return new ConnectionLimits(idleTimeout, headerTimeout, bodyTimeout, maxConnections, maxInflightBytes,
                    http2MaxStreams);
        }

        /** @throws ConfigException naming the first bad value */
        public WharfConfig build() {
            if ((rootAccessKeyId == null) != (rootSecretAccessKey == null)) {
                throw new ConfigException(rootAccessKeyId == null ? Setting.ROOT_ACCESS_KEY_ID : Setting.ROOT_SECRET_ACCESS_KEY,
                        "", "--root-access-key-id and --root-secret-access-key go together");
            }
            AccountKey rootKey = null;
            if (rootAccessKeyId != null) {
                if (accountId == null || !AccountKey.ACCOUNT_ID.matcher(accountId).matches()) {
                    throw new ConfigException(Setting.ACCOUNT_ID, String.valueOf(accountId), "expected exactly 12 digits");
                }
                rootKey = AccountKey.validated(Setting.ROOT_ACCESS_KEY_ID, accountId, rootAccessKeyId, rootSecretAccessKey);
            }
            return new WharfConfig(host, port, dataDir, inMemory, accountId, region, hostname, relaxed,
                    maxRequestBytes, shutdownTimeout, fsync, smtpHost, smtpPort, tlsPort, tlsCertificate,
                    tlsKey, kinesisTransitionMillis, kinesisShardLimit, kinesisEnforceLimits, auth, rootKey, accounts,
                    auditLog, deliveryAllow, deliveryDeny, masterKeyFile, publicUrl, repair, connectionLimits(),
                    firehoseWithExternalS3(), logging, cloudWatchPublishInterval,
                    sqsMaxInflightMessages, new RocksTuning(storeMebibytes(Setting.STORE_WAL_MIB, storeWalMib),
                            storeMebibytes(Setting.STORE_MEMTABLE_MIB, storeMemtableMib)));
        }

        private static long storeMebibytes(Setting setting, long mebibytes) {
            long min = RocksTuning.MIN_BYTES >> 20;
            long max = RocksTuning.MAX_BYTES >> 20;
            if (mebibytes < min || mebibytes > max) {
                throw new ConfigException(setting, Long.toString(mebibytes), "expected " + min + "-" + max + " MiB");
            }
            return mebibytes << 20;
        }

        /** The Firehose options with {@code --firehose-s3-*} checked and resolved (the key file read now). */
        private FirehoseOptions firehoseWithExternalS3() {
            if (firehoseS3Endpoint == null) {
                Setting stray = firehoseS3Region != null ? Setting.FIREHOSE_S3_REGION
                        : firehoseS3AccessKeyId != null ? Setting.FIREHOSE_S3_ACCESS_KEY_ID
                        : firehoseS3SecretAccessKey != null ? Setting.FIREHOSE_S3_SECRET_ACCESS_KEY
                        : firehoseS3CredentialsFile != null ? Setting.FIREHOSE_S3_CREDENTIALS_FILE : null;
                if (stray != null) {
                    throw new ConfigException(stray, stray == Setting.FIREHOSE_S3_SECRET_ACCESS_KEY ? "****"
                            : stray == Setting.FIREHOSE_S3_REGION ? firehoseS3Region
                            : stray == Setting.FIREHOSE_S3_ACCESS_KEY_ID ? firehoseS3AccessKeyId
                            : String.valueOf(firehoseS3CredentialsFile), "only with --firehose-s3-endpoint");
                }
                return firehose;
            }
            return firehose.withExternalS3(ExternalS3.validated(firehoseS3Endpoint,
                    firehoseS3Region != null ? firehoseS3Region : region, firehoseS3AccessKeyId,
                    firehoseS3SecretAccessKey, firehoseS3CredentialsFile));
        }
    }
}
