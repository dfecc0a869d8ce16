package io.wharf.server.config;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import io.wharf.storage.FsyncMode;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code wharf} command line. Each option may also come from its {@code WHARF_*} environment variable
 * ({@link Setting}); an option given on the command line wins. Options are read as text and converted
 * here, so a bad value is reported under the name the user actually wrote (flag or variable).
 */
@Command(name = "wharf", mixinStandardHelpOptions = true, versionProvider = CommandLineConfig.VersionText.class,
        sortOptions = false, usageHelpWidth = 100,
        description = "A self-hosted server speaking the AWS messaging wire protocols (SQS, SNS, Kinesis) on one port.%n"
                + "Every option can also be set with the environment variable shown; options win.")
public final class CommandLineConfig {

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on. Env WHARF_HOST. Default: " + WharfConfig.DEFAULT_HOST)
    String host;

    @Option(names = "--port", paramLabel = "PORT",
            description = "TCP port; 0 = any free port. Env WHARF_PORT. Default: " + WharfConfig.DEFAULT_PORT)
    String port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory. Env WHARF_DATA_DIR. Default: " + WharfConfig.DEFAULT_DATA_DIR)
    String dataDir;

    @Option(names = "--in-memory", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Keep all state in memory, use no data directory. Env WHARF_IN_MEMORY. Default: false")
    String inMemory;

    @Option(names = "--account-id", paramLabel = "DIGITS",
            description = "12-digit account id. Env WHARF_ACCOUNT_ID. Default: " + WharfConfig.DEFAULT_ACCOUNT_ID)
    String accountId;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Region used when a request names none. Env WHARF_REGION. Default: "
                    + WharfConfig.DEFAULT_REGION)
    String region;

    @Option(names = "--hostname", paramLabel = "HOST[:PORT]",
            description = "Host in queue URLs; the listening port is appended when none is given. "
                    + "Env WHARF_HOSTNAME. Default: each request's Host header")
    String hostname;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A YAML file of settings, keyed by the options' names without the dashes (port: 4566). "
                    + "Flags win over environment variables, which win over the file. Env WHARF_CONFIG")
    String config;

    @Option(names = "--log-requests", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "One log line per AWS call: time, request id, account, service, action, resource, status, "
                    + "error code, latency, bytes in/out. Env WHARF_LOG_REQUESTS. Default: false")
    String logRequests;

    @Option(names = "--log-level", paramLabel = "error|warn|info|debug|trace",
            description = "The least severe level logged. Env WHARF_LOG_LEVEL. Default: info")
    String logLevel;

    @Option(names = "--log-format", paramLabel = "text|json",
            description = "Each log line as text or as one JSON object. Env WHARF_LOG_FORMAT. Default: text")
    String logFormat;

    @Option(names = "--relaxed", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Turn off AWS's waiting periods (purge interval, queue re-creation delay). "
                    + "Env WHARF_RELAXED. Default: false")
    String relaxed;

    @Option(names = "--max-request-bytes", paramLabel = "BYTES",
            description = "Largest request body accepted. Env WHARF_MAX_REQUEST_BYTES. Default: "
                    + WharfConfig.DEFAULT_MAX_REQUEST_BYTES)
    String maxRequestBytes;

    @Option(names = "--shutdown-timeout", paramLabel = "SECONDS",
            description = "How long shutdown waits for in-flight requests. Env WHARF_SHUTDOWN_TIMEOUT. Default: 25")
    String shutdownTimeout;

    @Option(names = "--cloudwatch-publish-interval", paramLabel = "SECONDS",
            description = "How often the services' own AWS/* metrics go into CloudWatch, 1-60 (AWS: 60; shorter for "
                    + "tests and demos, the datapoints keep their one-minute periods). "
                    + "Env WHARF_CLOUDWATCH_PUBLISH_INTERVAL. Default: 60")
    String cloudWatchPublishInterval;

    @Option(names = "--sqs-max-inflight-messages", paramLabel = "MESSAGES",
            description = "In-flight SQS messages of all queues together (received, not yet deleted or visible "
                    + "again; ~230-290 B of heap each): beyond it ReceiveMessage on a standard queue fails with "
                    + "OverLimit and on a FIFO queue returns nothing. AWS caps each queue at 120,000 only. "
                    + "Env WHARF_SQS_MAX_INFLIGHT_MESSAGES. Default: " + WharfConfig.DEFAULT_SQS_MAX_INFLIGHT_MESSAGES)
    String sqsMaxInflightMessages;

    @Option(names = "--store-wal-mib", paramLabel = "MIB",
            description = "The durable store's live write-ahead log, at most: past it the oldest log's changes are "
                    + "flushed to table files and the log deleted. Smaller: a faster restart after a crash, more "
                    + "flushes. 16-65536. Env WHARF_STORE_WAL_MIB. Default: 64")
    String storeWalMib;

    @Option(names = "--store-memtable-mib", paramLabel = "MIB",
            description = "Memory the durable store's unflushed changes (memtables) take together, off the heap: "
                    + "past it the largest is flushed. 16-65536. Env WHARF_STORE_MEMTABLE_MIB. Default: 256")
    String storeMemtableMib;

    @Option(names = "--fsync", paramLabel = "always|never",
            description = "always: an acknowledged write is fsync'd (group-committed); never: written to the log, "
                    + "not synced (survives kill -9, not power loss). Env WHARF_FSYNC. Default: always")
    String fsync;

    @Option(names = "--smtp-host", paramLabel = "HOST",
            description = "SMTP server for SNS email and email-json subscriptions (plain SMTP, no login). "
                    + "Env WHARF_SMTP_HOST. Default: none (mails are logged, not sent)")
    String smtpHost;

    @Option(names = "--smtp-port", paramLabel = "PORT",
            description = "Port of the SMTP server. Env WHARF_SMTP_PORT. Default: " + WharfConfig.DEFAULT_SMTP_PORT)
    String smtpPort;

    @Option(names = "--tls-port", paramLabel = "PORT",
            description = "Also listen with TLS on this port (HTTP/1.1 and HTTP/2, ALPN). Env WHARF_TLS_PORT. "
                    + "Default: no TLS port")
    String tlsPort;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate chain for --tls-port. Env WHARF_TLS_CERT. Default: a self-signed "
                    + "certificate for localhost, kept in <data-dir>/tls")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "PEM (PKCS#8) private key of --tls-cert. Env WHARF_TLS_KEY")
    String tlsKey;
    @Option(names = "--kinesis-transition-ms", paramLabel = "MILLIS",
            description = "How long a Kinesis stream stays CREATING, UPDATING or DELETING; 0 = at once. "
                    + "Env WHARF_KINESIS_TRANSITION_MS. Default: " + WharfConfig.DEFAULT_KINESIS_TRANSITION_MILLIS)
    String kinesisTransitionMillis;

    @Option(names = "--kinesis-shard-limit", paramLabel = "SHARDS",
            description = "Open Kinesis shards allowed per account and region. Env WHARF_KINESIS_SHARD_LIMIT. "
                    + "Default: " + WharfConfig.DEFAULT_KINESIS_SHARD_LIMIT)
    String kinesisShardLimit;

    @Option(names = "--kinesis-enforce-limits", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Enforce Kinesis per-shard throughput as AWS does (1 MiB/s and 1,000 records/s in, "
                    + "2 MiB/s and 5 GetRecords/s out) with ProvisionedThroughputExceededException. "
                    + "Env WHARF_KINESIS_ENFORCE_LIMITS. Default: false")
    String kinesisEnforceLimits;

    @Option(names = "--auth", paramLabel = "off|verify|enforce",
            description = "off: any credentials, nothing checked; verify: SigV4 signatures checked, policies not "
                    + "evaluated; enforce: signatures checked and IAM, queue, topic and stream policies enforced. "
                    + "Env WHARF_AUTH. Default: off when listening on a loopback address, enforce otherwise")
    String auth;

    @Option(names = "--root-access-key-id", paramLabel = "KEY_ID",
            description = "Access key id of the root user of --account-id. Env WHARF_ROOT_ACCESS_KEY_ID. "
                    + "Default: a key generated on first start, kept in <data-dir>/root-credentials (mode 0600)")
    String rootAccessKeyId;

    @Option(names = "--root-secret-access-key", paramLabel = "SECRET",
            description = "Its secret (prefer the environment variable: arguments are visible to other local users). "
                    + "Env WHARF_ROOT_SECRET_ACCESS_KEY")
    String rootSecretAccessKey;

    @Option(names = "--account", paramLabel = "ID:KEY_ID:SECRET",
            description = "A further account and its root key; repeatable. Env WHARF_ACCOUNTS (comma-separated)")
    java.util.List<String> accounts;

    @Option(names = "--audit-log", paramLabel = "FILE|stdout",
            description = "Write one JSON line per API call (CloudTrail's field names) to FILE, rotated by size, or "
                    + "to stdout. Env WHARF_AUDIT_LOG. Default: none")
    String auditLog;

    @Option(names = "--delivery-allow", split = ",", paramLabel = "CIDR|HOST",
            description = "SNS may deliver to these HTTP/S endpoints and mail domains even where the defaults deny "
                    + "them: CIDR blocks or addresses (10.0.0.0/8, fd00::/8, 169.254.169.254) and host patterns "
                    + "(hooks.internal, *.example.com). Comma-separated, repeatable. Env WHARF_DELIVERY_ALLOW. "
                    + "Default: none (loopback and private addresses are allowed only while every listener is on "
                    + "loopback; link-local and cloud metadata addresses never)")
    List<String> deliveryAllow;

    @Option(names = "--delivery-deny", split = ",", paramLabel = "CIDR|HOST",
            description = "SNS never delivers to these, whatever else allows them (same forms as --delivery-allow). "
                    + "Comma-separated, repeatable. Env WHARF_DELIVERY_DENY. Default: none")
    List<String> deliveryDeny;

    @Option(names = "--master-key-file", paramLabel = "FILE",
            description = "The master key (64 hex digits) that wraps KMS key material and the other secrets Wharf "
                    + "keeps at rest; created (mode 0600) on first start when missing. Env WHARF_MASTER_KEY_FILE. "
                    + "Default: <data-dir>/master-key (with --in-memory: a key for this process only)")
    String masterKeyFile;
    @Option(names = "--public-url", paramLabel = "URL",
            description = "http(s)://host[:port] that every URL Wharf mints (queue URLs, SNS's SubscribeURL, "
                    + "UnsubscribeURL, SigningCertURL) starts with, whichever port a request came in on: a proxy or "
                    + "load balancer in front of Wharf. Env WHARF_PUBLIC_URL. Default: by listener (http and the plain "
                    + "port, https and the TLS port), with --hostname's host")
    String publicUrl;

    @Option(names = "--repair", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Before starting, salvage a damaged store (or accept that the store is gone) and log exactly "
                    + "what was dropped; the damaged store is kept aside. Without it a damaged store is refused. "
                    + "Env WHARF_REPAIR. Default: false")
    String repair;
    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Close a keep-alive connection with no request in progress (HTTP/2: no open stream) after "
                    + "this long; long polls and event streams are in progress. Env WHARF_IDLE_TIMEOUT. Default: 30")
    String idleTimeout;

    @Option(names = "--header-timeout", paramLabel = "SECONDS",
            description = "A request's line and headers (and a TLS handshake) must arrive within this long of its "
                    + "first byte, or of the connection opening. Env WHARF_HEADER_TIMEOUT. Default: 10")
    String headerTimeout;

    @Option(names = "--body-timeout", paramLabel = "SECONDS",
            description = "Cut off a request body with no byte for this long, or averaging under 1 KiB/s after it; "
                    + "also how long an answer may go unread. Env WHARF_BODY_TIMEOUT. Default: 10")
    String bodyTimeout;

    @Option(names = "--max-connections", paramLabel = "COUNT",
            description = "Open connections allowed over all ports; more are answered 503 and closed. "
                    + "Env WHARF_MAX_CONNECTIONS. Default: 3/4 of the file descriptor limit, at most 10000")
    String maxConnections;

    @Option(names = "--max-inflight-bytes", paramLabel = "BYTES",
            description = "Request body bytes being received at once over all connections; a body that does not fit "
                    + "is refused with 503. Env WHARF_MAX_INFLIGHT_BYTES. Default: 67108864 (64 MiB), or "
                    + "--max-request-bytes if larger")
    String maxInflightBytes;

    @Option(names = "--http2-max-streams", paramLabel = "COUNT",
            description = "Concurrent streams per HTTP/2 connection (SETTINGS_MAX_CONCURRENT_STREAMS). "
                    + "Env WHARF_HTTP2_MAX_STREAMS. Default: 100")
    String http2MaxStreams;

    @Option(names = "--firehose-transition-ms", paramLabel = "MILLIS",
            description = "How long a Firehose delivery stream stays CREATING, and an encryption change "
                    + "ENABLING/DISABLING. Env WHARF_FIREHOSE_TRANSITION_MS. Default: "
                    + io.wharf.firehose.FirehoseSettings.DEFAULT_TRANSITION_MILLIS)
    String firehoseTransitionMillis;

    @Option(names = "--lambda-endpoint", split = ",", paramLabel = "ARN=URL",
            description = "Stands a URL in for a Lambda function: Firehose's Lambda processor POSTs AWS's transformation "
                    + "event there (through the outbound rules). Comma-separated, repeatable. "
                    + "Env WHARF_LAMBDA_ENDPOINTS. Default: none (records of such a processor go to the error output)")
    List<String> lambdaEndpoints;

    @Option(names = "--opensearch-endpoint", split = ",", paramLabel = "FROM=URL",
            description = "Where a Firehose OpenSearch/Elasticsearch destination's _bulk requests go: FROM is its "
                    + "DomainARN, ClusterEndpoint or CollectionEndpoint (through the outbound rules). Comma-separated, "
                    + "repeatable. Env WHARF_OPENSEARCH_ENDPOINTS. Default: none (the ClusterEndpoint itself)")
    List<String> opensearchEndpoints;

    @Option(names = "--firehose-s3-endpoint", paramLabel = "URL",
            description = "Firehose delivers its objects (S3 destinations, backups, error outputs) to this S3 endpoint, "
                    + "path-style and SigV4-signed, instead of Wharf's own S3 (through the outbound rules). "
                    + "Env WHARF_FIREHOSE_S3_ENDPOINT. Default: none (Wharf's own S3)")
    String firehoseS3Endpoint;

    @Option(names = "--firehose-s3-region", paramLabel = "REGION",
            description = "The region requests to --firehose-s3-endpoint are signed for. Env WHARF_FIREHOSE_S3_REGION. "
                    + "Default: --region")
    String firehoseS3Region;

    @Option(names = "--firehose-s3-access-key-id", paramLabel = "KEY_ID",
            description = "Access key id for --firehose-s3-endpoint. Env WHARF_FIREHOSE_S3_ACCESS_KEY_ID")
    String firehoseS3AccessKeyId;

    @Option(names = "--firehose-s3-secret-access-key", paramLabel = "SECRET",
            description = "Its secret (prefer the environment variable or --firehose-s3-credentials-file: arguments are "
                    + "visible to other local users). Env WHARF_FIREHOSE_S3_SECRET_ACCESS_KEY")
    String firehoseS3SecretAccessKey;

    @Option(names = "--firehose-s3-credentials-file", paramLabel = "FILE",
            description = "The key for --firehose-s3-endpoint in the AWS credentials-file format (aws_access_key_id, "
                    + "aws_secret_access_key), readable by its owner only. Env WHARF_FIREHOSE_S3_CREDENTIALS_FILE")
    String firehoseS3CredentialsFile;

    /** What the command line asks for: run with a configuration, or print something and exit. */
    public sealed interface Outcome {
        /** Start a server with this configuration. */
        record Run(WharfConfig config) implements Outcome {
        }

        /** Print {@code text} (to stdout when the exit code is 0, else stderr) and exit. */
        record Exit(int exitCode, String text) implements Outcome {
        }
    }

    /** Exit code for any configuration error, as with a bad command line. */
    public static final int USAGE_ERROR = 2;

    private Map<String, String> environment = Map.of();
    /** The config file, and the settings it gives; none without {@code --config}. */
    private Path file;
    private Map<Setting, String> fileValues = Map.of();

    /**
     * Parses the command line against the environment. Never throws for a user's mistake: it returns
     * {@link Outcome.Exit} with code {@value #USAGE_ERROR} and a one-line message.
     */
    public static Outcome parse(String[] args, Map<String, String> environment) {
        CommandLineConfig options = new CommandLineConfig();
        options.environment = environment;
        CommandLine commandLine = new CommandLine(options);
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return new Outcome.Exit(USAGE_ERROR, "wharf: " + e.getMessage() + " (see wharf --help)");
        }
        if (commandLine.isUsageHelpRequested()) {
            return new Outcome.Exit(0, commandLine.getUsageMessage());
        }
        if (commandLine.isVersionHelpRequested()) {
            StringWriter text = new StringWriter();
            commandLine.printVersionHelp(new PrintWriter(text));
            return new Outcome.Exit(0, text.toString().strip());
        }
        try {
            return new Outcome.Run(options.toConfig());
        } catch (ConfigException e) {
            return new Outcome.Exit(USAGE_ERROR, "wharf: " + e.getMessage());
        }
    }

    private WharfConfig toConfig() {
        String configFile = config != null ? config : environment.get(Setting.CONFIG.environmentVariable());
        if (configFile != null && !configFile.isBlank()) {
            try {
                file = parsePath(Setting.CONFIG, configFile);
                fileValues = ConfigFile.read(file);
            } catch (ConfigException e) {
                throw config != null ? e : e.from(Setting.CONFIG.environmentVariable());
            }
        }
        WharfConfig.Builder builder = WharfConfig.builder();
        set(Setting.HOST, host, Function.identity(), builder::host);
        set(Setting.PORT, port, v -> parseInt(Setting.PORT, v), builder::port);
        set(Setting.DATA_DIR, dataDir, v -> parsePath(Setting.DATA_DIR, v), builder::dataDir);
        set(Setting.IN_MEMORY, inMemory, v -> parseBoolean(Setting.IN_MEMORY, v), builder::inMemory);
        set(Setting.ACCOUNT_ID, accountId, Function.identity(), builder::accountId);
        set(Setting.REGION, region, Function.identity(), builder::region);
        set(Setting.HOSTNAME, hostname, Function.identity(), builder::hostname);
        set(Setting.RELAXED, relaxed, v -> parseBoolean(Setting.RELAXED, v), builder::relaxed);
        set(Setting.LOG_REQUESTS, logRequests, v -> parseBoolean(Setting.LOG_REQUESTS, v), builder::logRequests);
        set(Setting.LOG_LEVEL, logLevel, LoggingOptions::parseLevel, builder::logLevel);
        set(Setting.LOG_FORMAT, logFormat, LoggingOptions::parseFormat, builder::logFormat);
        set(Setting.MAX_REQUEST_BYTES, maxRequestBytes, v -> parseInt(Setting.MAX_REQUEST_BYTES, v),
                builder::maxRequestBytes);
        set(Setting.SHUTDOWN_TIMEOUT, shutdownTimeout,
                v -> Duration.ofSeconds(parseInt(Setting.SHUTDOWN_TIMEOUT, v)), builder::shutdownTimeout);
        set(Setting.FSYNC, fsync, CommandLineConfig::parseFsync, builder::fsync);
        set(Setting.STORE_WAL_MIB, storeWalMib, v -> parseLong(Setting.STORE_WAL_MIB, v), builder::storeWalMib);
        set(Setting.STORE_MEMTABLE_MIB, storeMemtableMib, v -> parseLong(Setting.STORE_MEMTABLE_MIB, v),
                builder::storeMemtableMib);
        set(Setting.CLOUDWATCH_PUBLISH_INTERVAL, cloudWatchPublishInterval,
                v -> Duration.ofSeconds(parseInt(Setting.CLOUDWATCH_PUBLISH_INTERVAL, v)),
                builder::cloudWatchPublishInterval);
        set(Setting.SQS_MAX_INFLIGHT_MESSAGES, sqsMaxInflightMessages,
                v -> parseLong(Setting.SQS_MAX_INFLIGHT_MESSAGES, v), builder::sqsMaxInflightMessages);
        set(Setting.SMTP_HOST, smtpHost, Function.identity(), builder::smtpHost);
        set(Setting.SMTP_PORT, smtpPort, v -> parseInt(Setting.SMTP_PORT, v), builder::smtpPort);
        set(Setting.TLS_PORT, tlsPort, v -> parseInt(Setting.TLS_PORT, v), builder::tlsPort);
        set(Setting.TLS_CERT, tlsCert, v -> parsePath(Setting.TLS_CERT, v), builder::tlsCertificate);
        set(Setting.TLS_KEY, tlsKey, v -> parsePath(Setting.TLS_KEY, v), builder::tlsKey);
        set(Setting.KINESIS_TRANSITION_MS, kinesisTransitionMillis, v -> (long) parseInt(Setting.KINESIS_TRANSITION_MS, v),
                builder::kinesisTransitionMillis);
        set(Setting.KINESIS_SHARD_LIMIT, kinesisShardLimit, v -> parseInt(Setting.KINESIS_SHARD_LIMIT, v),
                builder::kinesisShardLimit);
        set(Setting.KINESIS_ENFORCE_LIMITS, kinesisEnforceLimits, v -> parseBoolean(Setting.KINESIS_ENFORCE_LIMITS, v),
                builder::kinesisEnforceLimits);
        set(Setting.AUTH, auth, CommandLineConfig::parseAuth, builder::auth);
        set(Setting.ROOT_ACCESS_KEY_ID, rootAccessKeyId, String::strip, builder::rootAccessKeyId);
        set(Setting.ROOT_SECRET_ACCESS_KEY, rootSecretAccessKey, Function.identity(), builder::rootSecretAccessKey);
        String accountList = accounts == null ? null : String.join(",", accounts);
        set(Setting.ACCOUNTS, accountList, v -> java.util.Arrays.stream(v.split(","))
                .filter(entry -> !entry.isBlank())
                .map(entry -> AccountKey.parse(Setting.ACCOUNTS, entry)).toList(),
                list -> list.forEach(builder::account));
        set(Setting.AUDIT_LOG, auditLog, String::strip, builder::auditLog);
        setList(Setting.DELIVERY_ALLOW, deliveryAllow, builder::deliveryAllow);
        setList(Setting.DELIVERY_DENY, deliveryDeny, builder::deliveryDeny);
        set(Setting.MASTER_KEY_FILE, masterKeyFile, v -> parsePath(Setting.MASTER_KEY_FILE, v), builder::masterKeyFile);
        set(Setting.PUBLIC_URL, publicUrl, String::strip, builder::publicUrl);
        set(Setting.REPAIR, repair, v -> parseBoolean(Setting.REPAIR, v), builder::repair);
        set(Setting.IDLE_TIMEOUT, idleTimeout, v -> Duration.ofSeconds(parseInt(Setting.IDLE_TIMEOUT, v)),
                builder::idleTimeout);
        set(Setting.HEADER_TIMEOUT, headerTimeout, v -> Duration.ofSeconds(parseInt(Setting.HEADER_TIMEOUT, v)),
                builder::headerTimeout);
        set(Setting.BODY_TIMEOUT, bodyTimeout, v -> Duration.ofSeconds(parseInt(Setting.BODY_TIMEOUT, v)),
                builder::bodyTimeout);
        set(Setting.MAX_CONNECTIONS, maxConnections, v -> parseInt(Setting.MAX_CONNECTIONS, v), builder::maxConnections);
        set(Setting.MAX_INFLIGHT_BYTES, maxInflightBytes, v -> parseLong(Setting.MAX_INFLIGHT_BYTES, v),
                builder::maxInflightBytes);
        set(Setting.HTTP2_MAX_STREAMS, http2MaxStreams, v -> parseInt(Setting.HTTP2_MAX_STREAMS, v),
                builder::http2MaxStreams);
        set(Setting.FIREHOSE_TRANSITION_MS, firehoseTransitionMillis,
                v -> (long) parseInt(Setting.FIREHOSE_TRANSITION_MS, v), builder::firehoseTransitionMillis);
        setList(Setting.LAMBDA_ENDPOINTS, lambdaEndpoints, builder::lambdaEndpoints);
        setList(Setting.OPENSEARCH_ENDPOINTS, opensearchEndpoints, builder::opensearchEndpoints);
        set(Setting.FIREHOSE_S3_ENDPOINT, firehoseS3Endpoint, String::strip, builder::firehoseS3Endpoint);
        set(Setting.FIREHOSE_S3_REGION, firehoseS3Region, String::strip, builder::firehoseS3Region);
        set(Setting.FIREHOSE_S3_ACCESS_KEY_ID, firehoseS3AccessKeyId, String::strip, builder::firehoseS3AccessKeyId);
        set(Setting.FIREHOSE_S3_SECRET_ACCESS_KEY, firehoseS3SecretAccessKey, Function.identity(),
                builder::firehoseS3SecretAccessKey);
        set(Setting.FIREHOSE_S3_CREDENTIALS_FILE, firehoseS3CredentialsFile,
                v -> parsePath(Setting.FIREHOSE_S3_CREDENTIALS_FILE, v), builder::firehoseS3CredentialsFile);
        try {
            return builder.build();
        } catch (ConfigException e) {
            // The record names the option; if the value came from the environment, say so instead.
            boolean fromEnvironment = optionValue(e.setting()) == null && environment.get(e.setting().environmentVariable()) != null;
            boolean fromFile = !fromEnvironment && optionValue(e.setting()) == null
                    && fileValues.containsKey(e.setting());
            throw fromEnvironment ? e.from(e.setting().environmentVariable())
                    : fromFile ? e.from(fileSource(e.setting())) : e;
        }
    }

    /** How an error names a value from the config file: {@code port in /etc/wharf.yaml}. */
    private String fileSource(Setting setting) {
        return ConfigFile.key(setting) + " in " + file;
    }

    /**
     * Takes the option's value, else the environment variable's (empty counts as unset), else the config file's (empty
     * counts as unset), else leaves the default.
     */
    private <T> void set(Setting setting, String optionValue, Function<String, T> parse, java.util.function.Consumer<T> target) {
        String value = optionValue;
        String source = setting.option();
        if (value == null) {
            value = environment.get(setting.environmentVariable());
            source = setting.environmentVariable();
            if (value == null || value.isEmpty()) {
                value = fileValues.get(setting);
                source = fileSource(setting);
                if (value == null || value.isEmpty()) {
                    return;
                }
            }
        }
        try {
            target.accept(parse.apply(value));
        } catch (ConfigException e) {
            throw e.from(source);
        }
    }

    /**
     * A list setting: the option's values (each occurrence may hold several, comma-separated), else the
     * environment variable's comma-separated ones; blanks between commas are ignored. The entries are checked by
     * {@link WharfConfig}.
     */
    private void setList(Setting setting, List<String> optionValues, java.util.function.Consumer<List<String>> target) {
        if (optionValues != null) {
            target.accept(optionValues.stream().map(String::strip).filter(v -> !v.isEmpty()).toList());
            return;
        }
        String value = environment.get(setting.environmentVariable());
        if (value == null || value.isBlank()) {
            value = fileValues.get(setting);
        }
        if (value != null && !value.isBlank()) {
            target.accept(Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList());
        }
    }

    private String optionValue(Setting setting) {
        return switch (setting) {
            case HOST -> host;
            case PORT -> port;
            case DATA_DIR -> dataDir;
            case IN_MEMORY -> inMemory;
            case ACCOUNT_ID -> accountId;
            case REGION -> region;
            case HOSTNAME -> hostname;
            case RELAXED -> relaxed;
            case MAX_REQUEST_BYTES -> maxRequestBytes;
            case SHUTDOWN_TIMEOUT -> shutdownTimeout;
            case FSYNC -> fsync;
            case STORE_WAL_MIB -> storeWalMib;
            case STORE_MEMTABLE_MIB -> storeMemtableMib;
            case SMTP_HOST -> smtpHost;
            case SMTP_PORT -> smtpPort;
            case TLS_PORT -> tlsPort;
            case TLS_CERT -> tlsCert;
            case TLS_KEY -> tlsKey;
            case KINESIS_TRANSITION_MS -> kinesisTransitionMillis;
            case KINESIS_SHARD_LIMIT -> kinesisShardLimit;
            case KINESIS_ENFORCE_LIMITS -> kinesisEnforceLimits;
            case AUTH -> auth;
            case ROOT_ACCESS_KEY_ID -> rootAccessKeyId;
            case ROOT_SECRET_ACCESS_KEY -> rootSecretAccessKey;
            case ACCOUNTS -> accounts == null ? null : String.join(",", accounts);
            case AUDIT_LOG -> auditLog;
            case DELIVERY_ALLOW -> deliveryAllow == null ? null : String.join(",", deliveryAllow);
            case DELIVERY_DENY -> deliveryDeny == null ? null : String.join(",", deliveryDeny);
            case MASTER_KEY_FILE -> masterKeyFile;
            case PUBLIC_URL -> publicUrl;
            case REPAIR -> repair;
            case IDLE_TIMEOUT -> idleTimeout;
            case HEADER_TIMEOUT -> headerTimeout;
            case BODY_TIMEOUT -> bodyTimeout;
            case MAX_CONNECTIONS -> maxConnections;
            case MAX_INFLIGHT_BYTES -> maxInflightBytes;
            case HTTP2_MAX_STREAMS -> http2MaxStreams;
            case FIREHOSE_TRANSITION_MS -> firehoseTransitionMillis;
            case LAMBDA_ENDPOINTS -> lambdaEndpoints == null ? null : String.join(",", lambdaEndpoints);
            case OPENSEARCH_ENDPOINTS -> opensearchEndpoints == null ? null : String.join(",", opensearchEndpoints);
            case FIREHOSE_S3_ENDPOINT -> firehoseS3Endpoint;
            case FIREHOSE_S3_REGION -> firehoseS3Region;
            case FIREHOSE_S3_ACCESS_KEY_ID -> firehoseS3AccessKeyId;
            case FIREHOSE_S3_SECRET_ACCESS_KEY -> firehoseS3SecretAccessKey;
            case FIREHOSE_S3_CREDENTIALS_FILE -> firehoseS3CredentialsFile;
            case LOG_REQUESTS -> logRequests;
            case LOG_LEVEL -> logLevel;
            case LOG_FORMAT -> logFormat;
            case CLOUDWATCH_PUBLISH_INTERVAL -> cloudWatchPublishInterval;
            case SQS_MAX_INFLIGHT_MESSAGES -> sqsMaxInflightMessages;
            case CONFIG -> config;
        };
    }

    private static int parseInt(Setting setting, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(setting, value, "not a whole number");
        }
    }

    private static long parseLong(Setting setting, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(setting, value, "not a whole number");
        }
    }

    private static boolean parseBoolean(Setting setting, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigException(setting, value, "expected true or false");
        };
    }

    private static FsyncMode parseFsync(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "always" -> FsyncMode.ALWAYS;
            case "never" -> FsyncMode.NEVER;
            default -> throw new ConfigException(Setting.FSYNC, value, "expected always or never");
        };
    }

    private static io.wharf.protocol.auth.AuthMode parseAuth(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "off" -> io.wharf.protocol.auth.AuthMode.OFF;
            case "verify" -> io.wharf.protocol.auth.AuthMode.VERIFY;
            case "enforce" -> io.wharf.protocol.auth.AuthMode.ENFORCE;
            default -> throw new ConfigException(Setting.AUTH, value, "expected off, verify or enforce");
        };
    }

    private static Path parsePath(Setting setting, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigException(setting, value, "not a valid path");
        }
    }

    /** {@code wharf --version}. */
    static final class VersionText implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"Wharf " + WharfVersion.get()};
        }
    }
}
