package io.wharf.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.wharf.protocol.Gateway;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP listener. Lifecycle: {@link #bind} (port taken, nothing accepted yet, so the caller can learn
 * the real port before building what depends on it) → {@link #open} (accepting) → {@link #drain}
 * (no new connections, answers close their connection, wait for in-flight requests) → {@link #close}.
 */
public final class HttpFrontDoor implements AutoCloseable {
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final Channel tlsChannel;
    private final String transport;
    private final ConnectionTracker connections;
    private final Context context;
    private final int maxConnections;
    private final BodyBudget.Pool bodyBytes;
    private final BodySpool spool;

    private static final class Context implements FrontDoorContext {
        private final ExecutorService executor =
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("wharf-request").factory());
        private final InFlightRequests inFlight = new InFlightRequests();
        private volatile Gateway gateway;
        private volatile boolean draining;
        private volatile java.util.function.Supplier<String> storeFailure = () -> null;
        private volatile Gateway metrics;
        private volatile Gateway console;

        @Override
        public Gateway gateway() {
            return gateway;
        }

        @Override
        public ExecutorService executor() {
            return executor;
        }

        @Override
        public InFlightRequests inFlight() {
            return inFlight;
        }

        @Override
        public boolean draining() {
            return draining;
        }

        @Override
        public String storeFailure() {
            return storeFailure.get();
        }

        @Override
        public Gateway metrics() {
            return metrics;
        }

        @Override
        public Gateway console() {
            return console;
        }
    }

    private HttpFrontDoor(EventLoopGroup acceptor, EventLoopGroup workers, Channel serverChannel, Channel tlsChannel,
                          String transport, ConnectionTracker connections, Context context, int maxConnections,
                          BodyBudget.Pool bodyBytes, BodySpool spool) {
        this.spool = spool;
        this.maxConnections = maxConnections;
        this.bodyBytes = bodyBytes;
        this.acceptor = acceptor;
        this.workers = workers;
        this.serverChannel = serverChannel;
        this.tlsChannel = tlsChannel;
        this.transport = transport;
        this.connections = connections;
        this.context = context;
    }

    /**
     * Binds the port without accepting connections yet.
     *
     * @throws ListenException when the address can't be bound (in use, not local, …)
     */
    public static HttpFrontDoor bind(String host, int port, int maxRequestBytes) {
        return bind(host, port, -1, null, maxRequestBytes);
    }

    /**
     * Binds the plain port and, when {@code tls} is given, the TLS port, without accepting connections yet. Both
     * speak HTTP/1.1 and HTTP/2 ({@link HttpPipeline}).
     *
     * @param tlsPort the TLS port (0 = any free one); ignored without {@code tls}
     * @throws ListenException when an address can't be bound (in use, not local, …)
     */
    public static HttpFrontDoor bind(String host, int port, int tlsPort, SslContext tls, int maxRequestBytes) {
        return bind(host, port, tlsPort, tls, maxRequestBytes, ConnectionLimits.DEFAULTS);
    }

    /**
     * As {@link #bind(String, int, int, SslContext, int)}, with these per-connection and total limits.
     *
     * @throws ListenException when an address can't be bound (in use, not local, …)
     */
    public static HttpFrontDoor bind(String host, int port, int tlsPort, SslContext tls, int maxRequestBytes,
                                     ConnectionLimits limits) {
        return bind(host, port, tlsPort, tls, maxRequestBytes, limits, RequestSpooling.in(null));
    }

    /**
     * The event loops that read requests and write answers: one per core. The requests run on virtual threads, so a
     * loop only moves bytes, and Netty's default of two per core cost 8–9 % more CPU per message under load
     * (docs/benchmarks.md, seventh pass). {@code -Dio.netty.eventLoopThreads} still decides when it is set.
     */
    static int eventLoops() {
        return System.getProperty("io.netty.eventLoopThreads") != null ? 0 : Runtime.getRuntime().availableProcessors();
    }

    /**
     * As {@link #bind(String, int, int, SslContext, int, ConnectionLimits)}, spooling large uploads as {@code spooling}
     * says (its directory is emptied now; a private one is deleted at {@link #close}).
     *
     * @throws ListenException when an address can't be bound (in use, not local, …)
     * @throws java.io.UncheckedIOException when the spool directory cannot be prepared
     */
    public static HttpFrontDoor bind(String host, int port, int tlsPort, SslContext tls, int maxRequestBytes,
                                     ConnectionLimits limits, RequestSpooling spooling) {
        TlsRenegotiation.rejectClientInitiated();
        BodySpool spool = BodySpool.open(spooling);
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory ioHandlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, ioHandlers);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(eventLoops(), ioHandlers);
        Context context = new Context();
        ConnectionTracker connections = new ConnectionTracker(limits.effectiveMaxConnections());
        BodyBudget.Pool bodyBytes = new BodyBudget.Pool(limits.effectiveMaxInflightBytes(maxRequestBytes));
        Channel channel = null;
        int binding = port;
        try {
            channel = listen(acceptor, workers, channelType, host, port,
                    new HttpPipeline(context, maxRequestBytes, connections, null, limits, bodyBytes, spool));
            Channel secure = null;
            if (tls != null) {
                binding = tlsPort;
                secure = listen(acceptor, workers, channelType, host, tlsPort,
                        new HttpPipeline(context, maxRequestBytes, connections, tls, limits, bodyBytes, spool));
            }
            return new HttpFrontDoor(acceptor, workers, channel, secure, epoll ? "epoll" : "nio", connections,
                    context, limits.effectiveMaxConnections(), bodyBytes, spool);
        } catch (Exception e) {
            if (channel != null) {
                channel.close().awaitUninterruptibly();
            }
            acceptor.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            context.executor.shutdownNow();
            spool.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Epoll words it "bind(..) failed with error(-98): Address already in use"; keep the human part.
            String reason = String.valueOf(e.getMessage()).replaceFirst("^.*failed with error\\(-?\\d+\\): ", "");
            throw new ListenException("cannot listen on " + host + ":" + binding + ": " + reason, e);
        }
    }

    private static Channel listen(EventLoopGroup acceptor, EventLoopGroup workers,
                                  Class<? extends ServerChannel> channelType, String host, int port,
                                  HttpPipeline pipeline) throws InterruptedException {
        return new ServerBootstrap()
                .group(acceptor, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.AUTO_READ, false) // accept only after open()
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(pipeline)
                .bind(host, port)
                .sync()
                .channel();
    }

    /** Starts accepting connections; every request goes to {@code gateway}. */
    public void open(Gateway gateway) {
        context.gateway = Objects.requireNonNull(gateway, "gateway");
        serverChannel.config().setAutoRead(true);
        if (tlsChannel != null) {
            tlsChannel.config().setAutoRead(true);
        }
    }

    /** Where the health endpoints learn that the store refuses writes (its fail-stop reason, or null). */
    public void health(java.util.function.Supplier<String> storeFailure) {
        context.storeFailure = Objects.requireNonNull(storeFailure, "storeFailure");
    }

    /**
     * What answers {@code GET /_wharf/metrics}: the Prometheus text {@code scrape} gives, on a request's virtual thread
     * (a scrape polls the engines, which may wait for their locks), unsigned like the health endpoints.
     */
    public void metrics(java.util.function.Supplier<String> scrape, String contentType) {
        Objects.requireNonNull(scrape, "scrape");
        context.metrics = request -> io.wharf.protocol.wire.WireResponse.of(200, contentType,
                scrape.get().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * What answers the web console ({@code /_wharf/console} and below, any method) on a request's virtual thread; with
     * one wired, a browser's unsigned {@code GET /} is sent there ({@link ConsoleDoor}).
     */
    public void console(Gateway console) {
        context.console = Objects.requireNonNull(console, "console");
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The TLS port really listened on, or -1 without TLS. */
    public int tlsPort() {
        return tlsChannel == null ? -1 : ((InetSocketAddress) tlsChannel.localAddress()).getPort();
    }

    /** "epoll" or "nio". */
    public String transport() {
        return transport;
    }

    /** Open connections, over both ports. */
    public int connections() {
        return connections.size();
    }

    /** The connection cap in force. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Connections refused at the cap since start. */
    public long refusedConnections() {
        return connections.refused();
    }

    /** The in-flight request body budget in force, in bytes. */
    public long maxInflightBytes() {
        return bodyBytes.capacity();
    }

    /** Request body bytes reserved right now. */
    public long inflightBodyBytes() {
        return bodyBytes.used();
    }

    /** Requests received and not yet answered. */
    public int inFlight() {
        return context.inFlight.count();
    }

    /**
     * Stops accepting, closes idle connections, and waits up to {@code timeout} for in-flight requests;
     * their connections close after the answer.
     *
     * @return true if every in-flight request was answered in time
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        context.draining = true;
        serverChannel.close().sync();
        if (tlsChannel != null) {
            tlsChannel.close().sync();
        }
        connections.closeIdle();
        return context.inFlight.awaitIdle(timeout);
    }

    /** Closes every connection and releases the threads. Requests still running are interrupted. */
    @Override
    public void close() {
        context.draining = true;
        serverChannel.close().awaitUninterruptibly();
        if (tlsChannel != null) {
            tlsChannel.close().awaitUninterruptibly();
        }
        connections.closeAll();
        context.executor.shutdownNow();
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        spool.close();
    }

    /** Where large request bodies are spooled. */
    public java.nio.file.Path spoolDirectory() {
        return spool.directory();
    }
}
