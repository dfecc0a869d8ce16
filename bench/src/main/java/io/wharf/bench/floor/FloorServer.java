package io.wharf.bench.floor;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

import java.net.InetSocketAddress;
import java.net.URI;

/**
 * The floor server: HTTP/1.1 keep-alive on Netty's NIO transport, each request answered on its event loop (a long
 * poll waits without a thread). One {@link SqsFloor} and one {@link KinesisFloor} for all connections, and one
 * {@link Journal} for both: none, or a durable one ({@code floor-durable}).
 */
public final class FloorServer implements AutoCloseable {
    /** Far above any scenario's call (PutRecords of 500 × 1 KiB in base64 is under 1 MiB). */
    private static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;
    private final URI endpoint;
    private final Journal journal;

    private FloorServer(EventLoopGroup group, Channel channel, URI endpoint, Journal journal) {
        this.group = group;
        this.channel = channel;
        this.endpoint = endpoint;
        this.journal = journal;
    }

    /** @param threads event-loop threads, 0 for one per available processor */
    public static FloorServer start(String host, int port, int threads) throws InterruptedException {
        return start(host, port, threads, Journal.NONE);
    }

    /**
     * @param threads event-loop threads, 0 for one per available processor
     * @param journal what writes are made durable with before they are answered; closed with the server
     */
    static FloorServer start(String host, int port, int threads, Journal journal) throws InterruptedException {
        int loops = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(loops, NioIoHandler.newFactory());
        try {
            SqsFloor sqs = new SqsFloor(journal);
            KinesisFloor kinesis = new KinesisFloor(journal);
            Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                    new FloorHandler(sqs, kinesis));
                        }
                    })
                    .bind(host, port).sync().channel();
            InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
            URI endpoint = URI.create("http://" + bound.getAddress().getHostAddress() + ":" + bound.getPort());
            return new FloorServer(group, channel, endpoint, journal);
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
            journal.close();
            throw e;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    void awaitClose() throws InterruptedException {
        channel.closeFuture().await();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        journal.close();
    }
}
