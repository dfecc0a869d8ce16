package io.wharf.testkit;

import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.util.function.Consumer;

/**
 * Runs a real Wharf in-process for a test class: port 0, in-memory store, us-east-1.
 * <pre>
 * &#64;RegisterExtension
 * static final WharfServerExtension wharf = WharfServerExtension.builder().relaxed(true).build();
 * </pre>
 * Registered on a static field (or with {@code @ExtendWith}) one server serves the whole class; on an
 * instance field each test gets its own. Clients from {@link #sqs()} and {@link #sqsAsync()} are made on
 * first use and closed with the server. Test methods may also declare {@link Wharf}, {@link SqsClient},
 * {@link SqsAsyncClient} or {@link RawHttp} parameters.
 *
 * <p>A test that fails timing out for an answer prints every thread of the JVM, the server's included, on standard
 * error ({@link StallDump}), so that a stall seen once in CI can be read afterwards.
 */
public final class WharfServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver, TestExecutionExceptionHandler {

    private final WharfConfig config;
    private Wharf wharf;
    private String owner; // unique id of the extension context that started the server
    private SqsClient sqs;
    private SqsAsyncClient sqsAsync;

    /** The defaults; what {@code @ExtendWith(WharfServerExtension.class)} uses. */
    public WharfServerExtension() {
        this(builder().config);
    }

    private WharfServerExtension(WharfConfig.Builder config) {
        this.config = config.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The system property that sets the auth mode of every test server that does not choose one: {@code off}
     * (the default), {@code verify} or {@code enforce}. The build runs the black-box suite once more with
     * {@code enforce}.
     */
    public static final String AUTH_PROPERTY = "wharf.test.auth";

    /** Options for the server under test. */
    public static final class Builder {
        private final WharfConfig.Builder config = WharfConfig.builder().port(0).inMemory(true)
                .region("us-east-1").shutdownTimeout(java.time.Duration.ofSeconds(5));

        private Builder() {
            String mode = System.getProperty(AUTH_PROPERTY, "");
            if (!mode.isBlank()) {
                auth(io.wharf.protocol.auth.AuthMode.valueOf(mode.strip().toUpperCase(java.util.Locale.ROOT)));
            }
        }

        /**
         * How the server authenticates: with {@code verify} or {@code enforce} it knows the root key of its account
         * ({@link Clients#CREDENTIALS}) and of {@link Clients#OTHER_ACCOUNTS}, so every client from {@link Clients}
         * works unchanged.
         */
        public Builder auth(io.wharf.protocol.auth.AuthMode mode) {
            config.auth(mode);
            if (mode.verifiesSignatures()) {
                config.rootAccessKeyId(Clients.ACCESS_KEY_ID).rootSecretAccessKey(Clients.SECRET);
                if (!accountsAdded) {
                    Clients.OTHER_ACCOUNTS.forEach(account -> config.account(account, account, Clients.SECRET));
                    accountsAdded = true;
                }
            }
            return this;
        }

        private boolean accountsAdded;

        /** Turn off AWS's waiting periods (purge interval, re-creating a deleted queue). */
        public Builder relaxed(boolean relaxed) {
            config.relaxed(relaxed);
            return this;
        }

        /** Anything else (account id, hostname, request size limit…). */
        public Builder configure(Consumer<WharfConfig.Builder> change) {
            change.accept(config);
            return this;
        }

        public WharfServerExtension build() {
            return new WharfServerExtension(config);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startFor(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopFor(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        startFor(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stopFor(context);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        StallDump.report(context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName(), failure);
        throw failure;
    }

    private synchronized void startFor(ExtensionContext context) {
        if (wharf == null) {
            wharf = Wharf.start(config);
            owner = context.getUniqueId();
        }
    }

    private synchronized void stopFor(ExtensionContext context) {
        if (wharf != null && context.getUniqueId().equals(owner)) {
            stop();
        }
    }

    private void stop() {
        // Clients first: they hold connections to the server.
        AutoCloseable[] resources = {sqs, sqsAsync, wharf};
        sqs = null;
        sqsAsync = null;
        wharf = null;
        owner = null;
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the test server failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The running server. */
    public synchronized Wharf wharf() {
        if (wharf == null) {
            throw new IllegalStateException("Wharf is not running: use the extension from a test");
        }
        return wharf;
    }

    /** The auth mode the server runs with. */
    public io.wharf.protocol.auth.AuthMode authMode() {
        return config.effectiveAuth();
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create(wharf().endpoint());
    }

    /** A shared synchronous SQS client (Apache HTTP client), closed with the server. */
    public synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = Clients.sqs(endpoint());
        }
        return sqs;
    }

    /** A shared asynchronous SQS client (Netty), closed with the server. */
    public synchronized SqsAsyncClient sqsAsync() {
        if (sqsAsync == null) {
            sqsAsync = Clients.sqsAsync(endpoint());
        }
        return sqsAsync;
    }

    /** A raw HTTP helper aimed at the server; it signs as {@link Clients#CREDENTIALS} when the server checks. */
    public RawHttp raw() {
        RawHttp raw = new RawHttp(endpoint());
        return authMode().verifiesSignatures() ? raw.signedAs(Clients.ACCESS_KEY_ID, Clients.SECRET) : raw;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Wharf.class || type == SqsClient.class || type == SqsAsyncClient.class || type == RawHttp.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == Wharf.class) {
            return wharf();
        }
        if (type == SqsClient.class) {
            return sqs();
        }
        if (type == SqsAsyncClient.class) {
            return sqsAsync();
        }
        return raw();
    }
}
