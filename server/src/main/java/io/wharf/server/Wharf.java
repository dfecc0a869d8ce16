package io.wharf.server;

import io.wharf.iam.IamModule;
import io.wharf.protocol.GatewaySettings;
import io.wharf.protocol.ServiceGateway;
import io.wharf.server.config.WharfConfig;
import io.wharf.server.config.WharfVersion;
import io.wharf.kinesis.KinesisService;
import io.wharf.server.http.HttpFrontDoor;
import io.wharf.server.http.Tls;
import io.wharf.sns.SmtpSettings;
import io.wharf.sns.SnsService;
import io.wharf.sns.engine.SnsLimits;
import io.wharf.sqs.SqsService;
import io.wharf.storage.MemoryStore;
import io.wharf.storage.RocksStore;
import io.wharf.storage.StorageException;
import io.wharf.storage.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
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
    private final HttpFrontDoor frontDoor;
    private boolean closed;

    private Wharf(WharfConfig config, Store store, SqsService sqs, SnsService sns, KinesisService kinesis,
                  HttpFrontDoor frontDoor) {
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
     * @throws io.wharf.server.http.ListenException  if the address can't be bound
     */
    public static Wharf start(WharfConfig config) {
        if (!config.inMemory()) {
            DataDirectory.prepare(config.dataDir());
        }
        return start(config, config.inMemory() ? new MemoryStore() : openDurableStore(config));
    }

    /**
     * Starts a server on a store the caller supplies (embedding, fault-injection tests); the server owns it
     * from here and closes it. {@code config.dataDir()}, {@code inMemory()} and {@code fsync()} are not used.
     */
    public static Wharf start(WharfConfig config, Store store) {
        SqsService sqs = null;
        SnsService sns = null;
        KinesisService kinesis = null;
        try {
            sqs = SqsService.create(store, Clock.systemUTC(), config.relaxed());
            sns = SnsService.create(store, Clock.systemUTC(), new SqsFanOut(sqs.engine()), SnsLimits.AWS,
                    new SmtpSettings(config.smtpHost(), config.smtpPort(), SmtpSettings.DEFAULT_FROM));
            kinesis = KinesisService.create(store, Clock.systemUTC(), config.kinesis());
            // no root keys yet: the lead wires --account's keys and the auth modes (IamModule.credentials()/accessControl())
            IamModule iam = IamModule.create(store, Clock.systemUTC(), List.of());
            HttpFrontDoor frontDoor = HttpFrontDoor.bind(config.host(), config.port(), config.tlsPort(),
                    config.tlsPort() < 0 ? null : tlsContext(config), config.maxRequestBytes());
            int port = frontDoor.port();
            frontDoor.open(new ServiceGateway(List.of(sqs, sns, kinesis, iam.iam(), iam.sts()),
                    new GatewaySettings(config.accountId(), config.region(), config.urlHost(port))));
            Wharf wharf = new Wharf(config, store, sqs, sns, kinesis, frontDoor);
            log.info("Wharf {} listening on http://{}:{}{} (sqs, sns, kinesis, iam, sts) · data: {} · account {} · region {}{}",
                    WharfVersion.get(), urlHost(config.host()), port,
                    frontDoor.tlsPort() < 0 ? "" : " and https://" + urlHost(config.host()) + ":" + frontDoor.tlsPort(),
                    wharf.dataDescription(), config.accountId(), config.region(),
                    config.relaxed() ? " · relaxed" : "");
            log.debug("transport {}, max request {} bytes", frontDoor.transport(), config.maxRequestBytes());
            return wharf;
        } catch (RuntimeException | Error e) {
            if (kinesis != null) {
                kinesis.close();
            }
            if (sns != null) {
                sns.close();
            }
            if (sqs != null) {
                sqs.close();
            }
            store.close();
            throw e;
        }
    }

    private static io.netty.handler.ssl.SslContext tlsContext(WharfConfig config) {
        try {
            if (config.tlsCertificate() != null) {
                return Tls.fromPem(config.tlsCertificate(), config.tlsKey());
            }
            return Tls.selfSigned(config.inMemory() ? null : config.dataDir().resolve("tls"));
        } catch (java.io.IOException | RuntimeException e) {
            throw new io.wharf.server.config.ConfigException(io.wharf.server.config.Setting.TLS_CERT,
                    String.valueOf(config.tlsCertificate()), "cannot use it for TLS (" + e.getMessage() + ")");
        }
    }

    private static Store openDurableStore(WharfConfig config) {
        try {
            return RocksStore.open(config.dataDir().resolve("rocksdb"), config.fsync());
        } catch (StorageException e) {
            throw new io.wharf.server.config.ConfigException(io.wharf.server.config.Setting.DATA_DIR,
                    config.dataDir().toString(), "cannot open the store (" + e.getMessage() + ")");
        }
    }

    private String dataDescription() {
        return config.inMemory() ? "in-memory"
                : config.dataDir() + " (fsync " + config.fsync().name().toLowerCase(java.util.Locale.ROOT) + ")";
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
            kinesis.close();
            sns.close(); // before SQS: undelivered messages stay in the outbox for the next start
            sqs.close();
            store.close();
        }
        log.info("Wharf stopped");
    }
}
