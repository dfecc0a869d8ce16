package io.wharf.server;

import io.wharf.iam.AccountRoot;
import io.wharf.iam.IamModule;
import io.wharf.iam.engine.AccessKeyIds;
import io.wharf.protocol.auth.AccessControl;
import io.wharf.protocol.auth.AuditSink;
import io.wharf.protocol.auth.AuthMode;
import io.wharf.protocol.auth.RequestAuthenticator;
import io.wharf.protocol.auth.SigV4Verifier;
import io.wharf.server.audit.AuditLog;
import io.wharf.server.config.AccountKey;
import io.wharf.protocol.GatewaySettings;
import io.wharf.protocol.ServiceGateway;
import io.wharf.server.config.WharfConfig;
import io.wharf.server.config.WharfVersion;
import io.wharf.cloudwatch.CloudWatchService;
import io.wharf.firehose.FirehoseService;
import io.wharf.kinesis.KinesisService;
import io.wharf.kms.KmsModule;
import io.wharf.dynamodb.DynamoDbModule;
import io.wharf.protocol.crypto.DataKeys;
import io.wharf.storage.crypto.MasterKey;
import io.wharf.server.http.HttpFrontDoor;
import io.wharf.server.http.Tls;
import io.wharf.server.outbound.OutboundRules;
import io.wharf.sns.SmtpSettings;
import io.wharf.sns.SnsService;
import io.wharf.sns.engine.SnsLimits;
import io.wharf.sqs.SqsService;
import io.wharf.storage.MemoryStore;
import io.wharf.storage.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A running Wharf server, embeddable: {@code try (Wharf wharf = Wharf.start(config)) { ... wharf.endpoint() ... }}.
 *
 * <p>Start order is store → services → port bound → gateway (which needs the real port for queue URLs)
 * → accepting. {@link #close()} reverses it, letting in-flight requests (long polls) finish first.
 */
public final class Wharf implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Wharf.class);

    private final WharfConfig config;
    private final Store store;
    private final SqsService sqs;
    private final SnsService sns;
    private final KinesisService kinesis;
    private FirehoseService firehose;
    private CloudWatchService cloudWatch;
    private final HttpFrontDoor frontDoor;
    private final AuditLog audit;
    private final S3Objects s3;
    private io.wharf.server.metrics.WharfMetrics metrics;
    private io.wharf.console.Console console;
    private io.wharf.server.awsmetrics.AwsMetricsPublisher awsMetrics;
    private io.wharf.mq.MqModule mq;
    private boolean closed;

    private Wharf(WharfConfig config, Store store, SqsService sqs, SnsService sns, KinesisService kinesis,
                  HttpFrontDoor frontDoor, AuditLog audit, S3Objects s3) {
        this.audit = audit;
        this.s3 = s3;
        this.config = config;
        this.store = store;
        this.sqs = sqs;
        this.sns = sns;
        this.kinesis = kinesis;
        this.frontDoor = frontDoor;
    }

    /**
     * Starts a server and returns once it accepts connections.
     *
     * @throws io.wharf.server.config.ConfigException if the data directory can't be created or written
     * @throws StoreRefusedException                  if its store is damaged, gone, another one, or in use
     * @throws io.wharf.server.http.ListenException  if the address can't be bound
     */
    public static Wharf start(WharfConfig config) {
        if (config.inMemory()) {
            return start(config, new MemoryStore());
        }
        DataDirectory.prepare(config.dataDir());
        Wharf wharf = start(config, openDurableStore(config), config.dataDir().resolve("tmp"));
        io.wharf.storage.OwnerOnly.restrictTree(config.dataDir()); // the root credentials, TLS files, everything there
        return wharf;
    }

    /**
     * Starts a server on a store the caller supplies (embedding, fault-injection tests); the server owns it
     * from here and closes it. {@code config.dataDir()}, {@code inMemory()} and {@code fsync()} are not used, except
     * that S3 keeps its objects' files in {@code <dataDir>/s3} (a temporary directory when {@code inMemory()}).
     */
    public static Wharf start(WharfConfig config, Store store) {
        return start(config, store, null);
    }

    /** @param spoolDirectory where large uploads are spooled ({@code <data-dir>/tmp}), or null for a private one */
    private static Wharf start(WharfConfig config, Store store, java.nio.file.Path spoolDirectory) {
        SqsService sqs = null;
        SnsService sns = null;
        KinesisService kinesis = null;
        FirehoseService firehose = null;
        CloudWatchService cloudWatchRef = null;
        io.wharf.mq.MqModule mqRef = null;
        AuditLog audit = null;
        S3Objects s3 = null;
        io.wharf.server.metrics.WharfMetrics metrics = null;
        io.wharf.console.Console consoleRef = null;
        try {
            Clock clock = Clock.systemUTC();
            AuthMode auth = config.effectiveAuth();
            List<AccountKey> keys = rootKeys(config, auth);
            IamModule iam = IamModule.create(store, clock, keys.stream()
                    .map(k -> new AccountRoot(k.accountId(), k.accessKeyId(), k.secretAccessKey())).toList());
            AccessControl access = auth.evaluatesPolicies() ? iam.accessControl() : AccessControl.ALLOW_ALL;
            MasterKey masterKey = masterKey(config);
            KmsModule kms = openKms(config, store, clock, masterKey);
            DataKeys dataKeys = kms.dataKeys(); // for the services that encrypt at rest (SQS, SNS, Kinesis)
            // SSE-KMS through KMS's data keys; SSE-SQS under data keys the master key wraps
            sqs = SqsService.create(store, clock, io.wharf.sqs.engine.SqsLimits.of(config.relaxed())
                    .withMaxInflightTotal(config.sqsMaxInflightMessages()), dataKeys, masterKey);
            OutboundRules outbound = OutboundRules.forServer(config.deliveryAllow(), config.deliveryDeny(),
                    List.of(config.host()));
            java.util.concurrent.atomic.AtomicReference<FirehoseService> firehoseRef =
                    new java.util.concurrent.atomic.AtomicReference<>();
            sns = SnsService.create(store, clock, new SqsFanOut(sqs.engine(), access), SnsLimits.AWS,
                    new SmtpSettings(config.smtpHost(), config.smtpPort(), SmtpSettings.DEFAULT_FROM),
                    outbound, masterKey, dataKeys,
                    new SnsToFirehose(() -> firehoseRef.get() == null ? null : firehoseRef.get().engine()));
            kinesis = KinesisService.create(store, clock, config.kinesis(), masterKey, dataKeys);
            S3EventTargets s3Events = new S3EventTargets(sqs.engine(), sns.engine(), access);
            s3 = S3Objects.open(config, store, clock, s3Events);
            firehose = FirehoseService.create(store, clock, config.firehose().settings(), dataKeys,
                    firehoseSink(config, s3, outbound, clock, spoolDirectory),
                    new FirehoseHttp(outbound), new FirehoseKinesisSource(kinesis.engine()));
            firehoseRef.set(firehose);
            io.wharf.sns.engine.SnsEngine snsEngine = sns.engine();
            // alarm actions: AWS's notification published to the topic as cloudwatch.amazonaws.com (topic policy checked)
            CloudWatchService cloudWatch = CloudWatchService.create(store, clock, new AlarmTopics(snsEngine, access))
                    .start();
            cloudWatchRef = cloudWatch;
            String[] tlsPem = config.tlsPort() < 0 ? null : tlsPem(config, masterKey); // the front door's and MQ's
            io.wharf.mq.MqModule mq = openMq(config, store, clock, tlsPem);
            mqRef = mq;
            audit = config.auditLog() == null ? null
                    : AuditLog.open(config.auditLog(), AuditLog.DEFAULT_MAX_BYTES, AuditLog.DEFAULT_KEEP);
            HttpFrontDoor frontDoor = HttpFrontDoor.bind(config.host(), config.port(), config.tlsPort(),
                    tlsPem == null ? null : tlsContext(config, tlsPem), config.maxRequestBytes(),
                    config.connectionLimits(), io.wharf.server.http.RequestSpooling.in(spoolDirectory));
            int port = frontDoor.port();
            String urlHost = urlHostFor(config, auth, port);
            String tlsUrlHost = frontDoor.tlsPort() < 0 ? null : tlsUrlHostFor(config, auth, frontDoor.tlsPort());
            RequestAuthenticator authenticator = new RequestAuthenticator(auth, iam.credentials(),
                    new SigV4Verifier(clock), config.accountId(), config.region(), clock);
            s3Events.urlBase("http://" + (urlHost != null ? urlHost : "localhost:" + port) + "/");
            DynamoDbModule dynamodb = DynamoDbModule.create(store, clock, java.time.Duration.ZERO);
            frontDoor.open(new ServiceGateway(List.of(sqs, sns, kinesis, iam.iam(), iam.sts(), kms.service(),
                    s3.service(), firehose, dynamodb.service(), cloudWatch, mq.service()),
                    new GatewaySettings(config.accountId(), config.region(), urlHost, authenticator, access,
                            audit == null ? AuditSink.NONE : audit, clock, tlsUrlHost, config.publicUrl()),
                    requestLog(config, metrics = new io.wharf.server.metrics.WharfMetrics())));
            frontDoor.health(store::failure);
            metrics.resources(sqs.engine()::queueStats, sns.engine()::topicStats, kinesis.engine()::streamStats,
                    store::stats, config.inMemory() ? null : config.dataDir(),
                    io.wharf.server.metrics.WharfMetrics.DEFAULT_CAP);
            metrics.shards(kinesis.engine()::shardStats, io.wharf.server.metrics.WharfMetrics.DEFAULT_CAP);
            metrics.sqsMemory(sqs.engine()::memory);
            frontDoor.metrics(metrics::scrape, io.wharf.server.metrics.WharfMetrics.CONTENT_TYPE);
            // the web console: sign-in against IAM's keys when signatures are verified, the API's policy evaluation
            io.wharf.console.Console console = io.wharf.console.Console.start(new io.wharf.console.ConsoleSources(sqs,
                    sns, kinesis, s3.service(), firehose, dynamodb.service(), cloudWatch, auth, iam.credentials(), access,
                    config.accountId(), config.region(), clock));
            consoleRef = console;
            frontDoor.console(console::handle);
            Wharf wharf = new Wharf(config, store, sqs, sns, kinesis, frontDoor, audit, s3);
            wharf.console = console;
            wharf.firehose = firehose;
            wharf.metrics = metrics;
            wharf.cloudWatch = cloudWatch;
            wharf.mq = mq;
            // the services' own AWS/* metrics into CloudWatch (docs/operations.md "CloudWatch and alarms")
            wharf.awsMetrics = io.wharf.server.awsmetrics.AwsMetricsPublisher.of(cloudWatch.engine(), clock,
                    config.cloudWatchPublishInterval(), io.wharf.server.metrics.WharfMetrics.DEFAULT_CAP, sqs.engine(),
                    sns.engine(), kinesis.engine(), firehose.engine());
            log.info("Wharf {} listening on http://{}:{}{} (sqs, sns, kinesis, iam, sts, kms, s3, firehose, dynamodb, cloudwatch, mq) · data: {} · account {} · region {}"
                            + " · auth {}{}{} · console http://{}:{}/_wharf/console/",
                    WharfVersion.get(), urlHost(config.host()), port,
                    frontDoor.tlsPort() < 0 ? "" : " and https://" + urlHost(config.host()) + ":" + frontDoor.tlsPort(),
                    wharf.dataDescription(), config.accountId(), config.region(),
                    auth.name().toLowerCase(java.util.Locale.ROOT), config.relaxed() ? " · relaxed" : "",
                    wharf.tlsDescription(), urlHost(config.host()), port);
            describeAuth(config, auth, keys, urlHost, audit);
            log.debug("transport {}, max request {} bytes", frontDoor.transport(), config.maxRequestBytes());
            log.debug("connections: at most {}, idle {} s, header {} s, body {} s; request bodies in flight at most {} "
                            + "bytes", frontDoor.maxConnections(), config.connectionLimits().idleTimeout().toSeconds(),
                    config.connectionLimits().headerTimeout().toSeconds(),
                    config.connectionLimits().bodyTimeout().toSeconds(), frontDoor.maxInflightBytes());
            wharf.awsMetrics.start(); // last: nothing after it can fail and leave its thread running
            return wharf;
        } catch (RuntimeException | Error e) {
            if (consoleRef != null) {
                consoleRef.close();
            }
            if (metrics != null) {
                metrics.close();
            }
            if (mqRef != null) {
                mqRef.close();
            }
            if (cloudWatchRef != null) {
                cloudWatchRef.close();
            }
            if (firehose != null) {
                firehose.close();
            }
            if (s3 != null) {
                s3.close();
            }
            if (kinesis != null) {
                kinesis.close();
            }
            if (sns != null) {
                sns.close();
            }
            if (sqs != null) {
                sqs.close();
            }
            if (audit != null) {
                audit.close();
            }
            store.close();
            if (e instanceof MasterKey.WrongKeyException wrongKey) { // a stored secret this master key does not open
                throw new io.wharf.server.config.ConfigException(io.wharf.server.config.Setting.MASTER_KEY_FILE,
                        String.valueOf(config.effectiveMasterKeyFile()), wrongKey.getMessage());
            }
            throw e;
        }
    }

    /** Every answered call goes to the metrics, and to the request log with {@code --log-requests}. */
    private static io.wharf.protocol.RequestLog requestLog(WharfConfig config,
                                                           io.wharf.server.metrics.WharfMetrics metrics) {
        io.wharf.protocol.RequestLog counted = metrics.requestLog();
        if (!config.logging().requests()) {
            return counted;
        }
        io.wharf.protocol.RequestLog written = new io.wharf.server.logging.RequestLogWriter();
        return entry -> {
            written.record(entry);
            counted.record(entry);
        };
    }

    /**
     * Where Firehose's objects go: the embedder's sink, else the external S3 of {@code --firehose-s3-endpoint} (said
     * in one line, the secret as {@code ****}), else Wharf's own S3.
     */
    private static io.wharf.firehose.ObjectSink firehoseSink(WharfConfig config, S3Objects s3, OutboundRules outbound,
                                                           Clock clock, java.nio.file.Path spoolDirectory) {
        if (config.firehose().sink() != null) {
            return config.firehose().sink();
        }
        io.wharf.server.config.ExternalS3 external = config.firehose().externalS3();
        if (external != null) {
            log.info("Firehose delivers its objects to {}", external.describe());
            return new RemoteS3Sink(external, outbound, clock, spoolDirectory);
        }
        return new S3FirehoseSink(s3.service().engine());
    }

    /** The Firehose service (its engine: counters, flushing in tests). */
    public FirehoseService firehose() {
        return firehose;
    }

    /**
     * The key that wraps secrets at rest: {@code --master-key-file} (default {@code <data-dir>/master-key}), made 0600
     * on first start; with {@code --in-memory} one for this process only.
     */
    private static MasterKey masterKey(WharfConfig config) {
        if (config.inMemory()) {
            return MasterKey.ephemeral();
        }
        java.nio.file.Path file = config.effectiveMasterKeyFile();
        boolean existed = java.nio.file.Files.exists(file);
        try {
            MasterKey key = MasterKey.loadOrCreate(file);
            if (!existed) {
                log.info("master key created in {} (readable by this user only): back it up with the data directory;"
                        + " without it the KMS keys and the secrets wrapped by it cannot be opened", file);
            }
            return key;
        } catch (java.io.IOException | RuntimeException e) {
            throw new io.wharf.server.config.ConfigException(io.wharf.server.config.Setting.MASTER_KEY_FILE,
                    file.toString(), "cannot read or create the master key (" + e.getMessage() + ")");
        }
    }

    /** KMS over the store; a master key that does not open the stored keys stops the start with the file's name. */
    /**
     * Amazon MQ, its brokers' data under {@code <data dir>/mq} (a temporary directory with {@code --in-memory}),
     * listening on loopback unless publicly accessible and Wharf listens wider; when Wharf serves TLS, brokers' TLS
     * transports use its certificate and key ({@code tlsPem}, else null: the runtime's plain transports only).
     */
    private static io.wharf.mq.MqModule openMq(WharfConfig config, Store store, Clock clock, String[] tlsPem) {
        java.nio.file.Path brokers = config.inMemory() || config.dataDir() == null ? null
                : config.dataDir().resolve("mq");
        String advertised = config.hostname() != null ? config.hostname() : "127.0.0.1";
        return io.wharf.mq.MqModule.create(store, clock, mqRuntimes(),
                new io.wharf.mq.engine.MqHosting(brokers, config.host(), advertised,
                        tlsPem == null ? null : new io.wharf.mq.broker.BrokerSpec.Tls(tlsPem[0], tlsPem[1])));
    }

    /** The broker runtimes, one per engine type. */
    private static List<io.wharf.mq.broker.BrokerRuntime> mqRuntimes() {
        return List.of(new io.wharf.mq.broker.activemq.ActiveMqRuntime(),
                new io.wharf.mq.broker.rabbitmq.RabbitMqRuntime());
    }

    private static KmsModule openKms(WharfConfig config, Store store, Clock clock, MasterKey masterKey) {
        try {
            return KmsModule.create(store, clock, masterKey, config.region());
        } catch (MasterKey.WrongKeyException e) {
            throw new io.wharf.server.config.ConfigException(io.wharf.server.config.Setting.MASTER_KEY_FILE,
                    config.effectiveMasterKeyFile().toString(), "this master key does not open the KMS keys in the "
                    + "data directory (they were wrapped by another master key)");
        }
    }

    /**
     * The root keys IAM knows: those configured, plus — when signatures are verified and {@code --account-id} has no
     * configured key — the one kept in {@code <data-dir>/root-credentials} (made on first start).
     */
    private static List<AccountKey> rootKeys(WharfConfig config, AuthMode auth) {
        List<AccountKey> keys = new ArrayList<>(config.accountKeys());
        if (auth.verifiesSignatures() && config.rootKey() == null && !config.inMemory()) {
            keys.add(0, RootCredentials.loadOrCreate(config.dataDir(), config.accountId(),
                    account -> new AccessKeyIds().keyId("AKIA", account)));
        }
        return keys;
    }

    /**
     * host[:port] for the URLs Wharf hands out (queue URLs, SubscribeURL, SigningCertURL): {@code --hostname}; else,
     * when requests are authenticated, the listening address (a name for a wildcard address) — a request's Host header
     * is the caller's to choose and must not end up in URLs that others follow; else null (each request's Host header).
     */
    private static String urlHostFor(WharfConfig config, AuthMode auth, int port) {
        String configured = config.urlHost(port);
        if (configured != null || !auth.verifiesSignatures()) {
            return configured;
        }
        String host = switch (config.host()) {
            case "0.0.0.0", "::", "[::]" -> localHostName();
            default -> urlHost(config.host());
        };
        return host + ":" + port;
    }

    /** The same for requests over the TLS listener, with its port (their URLs are https). */
    private static String tlsUrlHostFor(WharfConfig config, AuthMode auth, int tlsPort) {
        String configured = config.tlsUrlHost(tlsPort);
        if (configured != null || !auth.verifiesSignatures()) {
            return configured;
        }
        String host = switch (config.host()) {
            case "0.0.0.0", "::", "[::]" -> localHostName();
            default -> urlHost(config.host());
        };
        return host + ":" + tlsPort;
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /** What a person starting the server must know about access: never a secret, only where it is kept. */
    private static void describeAuth(WharfConfig config, AuthMode auth, List<AccountKey> keys, String urlHost,
                                     AuditLog audit) {
        if (auth == AuthMode.OFF && !config.listensOnLoopbackOnly()) {
            log.warn("authentication is OFF on {}, which is not a loopback address: anyone who can reach this port can "
                    + "read, change and delete everything (--auth off was given explicitly)", config.host());
        }
        if (auth.verifiesSignatures()) {
            if (config.rootKey() == null && !config.inMemory()) {
                log.info("root access key of account {}: {} (its secret is in {}, readable by this user only)",
                        config.accountId(), keys.get(0).accessKeyId(), RootCredentials.file(config.dataDir()));
            }
            if (config.urlHost(0) == null && config.publicUrl() == null) {
                log.info("resource URLs name {} (set --hostname or --public-url to change)", urlHost);
            }
        }
        if (audit != null) {
            log.info("audit log: {}", audit.file() == null ? "stdout" : audit.file());
        }
    }

    /**
     * The certificate chain and private key Wharf serves TLS with, as PEM text ({@code [certificate, key]}): the user's
     * files, or the self-signed pair ({@code <data-dir>/tls}, made once; a fresh one in memory with {@code --in-memory}).
     */
    private static String[] tlsPem(WharfConfig config, MasterKey masterKey) {
        try {
            if (config.tlsCertificate() != null) {
                return new String[] {java.nio.file.Files.readString(config.tlsCertificate()),
                        java.nio.file.Files.readString(config.tlsKey())};
            }
            return Tls.selfSignedPem(config.inMemory() ? null : config.dataDir().resolve("tls"), masterKey);
        } catch (MasterKey.WrongKeyException e) {
            throw e;
        } catch (java.io.IOException | RuntimeException e) {
            throw new io.wharf.server.config.ConfigException(io.wharf.server.config.Setting.TLS_CERT,
                    String.valueOf(config.tlsCertificate()), "cannot use it for TLS (" + e.getMessage() + ")");
        }
    }

    private static io.netty.handler.ssl.SslContext tlsContext(WharfConfig config, String[] pem) {
        try {
            if (config.tlsCertificate() != null) {
                return Tls.fromPem(config.tlsCertificate(), config.tlsKey());
            }
            return Tls.fromPemText(pem[0], pem[1]);
        } catch (java.io.IOException | RuntimeException e) {
            throw new io.wharf.server.config.ConfigException(io.wharf.server.config.Setting.TLS_CERT,
                    String.valueOf(config.tlsCertificate()), "cannot use it for TLS (" + e.getMessage() + ")");
        }
    }

    private static Store openDurableStore(WharfConfig config) {
        return DurableStoreOpener.open(config.dataDir(), config.fsync(), config.storeTuning(), config.repair(),
                Clock.systemUTC());
    }

    private String dataDescription() {
        return config.inMemory() ? "in-memory"
                : config.dataDir().toAbsolutePath().normalize() + " (fsync "
                        + config.fsync().name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    /** Where the TLS listener's certificate is, for the start-up line: empty without {@code --tls-port}. */
    private String tlsDescription() {
        if (frontDoor.tlsPort() < 0) {
            return "";
        }
        if (config.tlsCertificate() != null) {
            return " · TLS certificate " + config.tlsCertificate().toAbsolutePath().normalize();
        }
        return config.inMemory() ? " · TLS certificate self-signed, in memory only"
                : " · TLS certificate (self-signed) " + config.dataDir().resolve("tls").resolve(Tls.CERTIFICATE_FILE)
                        .toAbsolutePath().normalize();
    }

    private static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    public WharfConfig config() {
        return config;
    }

    /** The port really listened on (useful with port 0). */
    public int port() {
        return frontDoor.port();
    }

    /** The TLS port really listened on, or -1 without {@code --tls-port}. */
    public int tlsPort() {
        return frontDoor.tlsPort();
    }

    /** Where a client on this machine reaches the TLS port, e.g. {@code https://127.0.0.1:4567}; null without one. */
    public String tlsEndpoint() {
        return tlsPort() < 0 ? null : endpoint().replaceFirst("^http://", "https://").replaceFirst(":\\d+$",
                ":" + tlsPort());
    }

    /** Where a client on this machine reaches the server, e.g. {@code http://127.0.0.1:4566}. */
    public String endpoint() {
        String host = switch (config.host()) {
            case "0.0.0.0", "::", "[::]" -> "127.0.0.1"; // a wildcard is not an address to connect to
            default -> urlHost(config.host());
        };
        return "http://" + host + ":" + port();
    }

    /**
     * Stops accepting, waits up to the configured shutdown timeout for in-flight requests, then closes
     * the services, the store and the event loops. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("Wharf stopping: waiting up to {} s for {} in-flight request(s)",
                config.shutdownTimeout().toSeconds(), frontDoor.inFlight());
        try {
            if (!frontDoor.drain(config.shutdownTimeout())) {
                log.warn("{} request(s) still running after {} s; cutting them off",
                        frontDoor.inFlight(), config.shutdownTimeout().toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted while waiting for in-flight requests; cutting them off");
        } finally {
            frontDoor.close();
            console.close(); // its sampler, before the engines it reads
            awsMetrics.close(); // stops publishing before CloudWatch and the engines it reads
            cloudWatch.close(); // stops evaluating alarms before the services they notify
            mq.close(); // stops its brokers; their data stays for the next start
            firehose.close(); // before S3, which it delivers into; buffered records stay in the store for the next start
            s3.close(); // before SNS and SQS, which its event notifications go to
            kinesis.close();
            sns.close(); // before SQS: undelivered messages stay in the outbox for the next start
            sqs.close();
            store.close();
            if (audit != null) {
                audit.close();
            }
            metrics.close();
        }
        log.info("Wharf stopped");
    }
}
