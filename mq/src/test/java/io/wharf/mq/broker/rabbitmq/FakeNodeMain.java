package io.wharf.mq.broker.rabbitmq;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in for a RabbitMQ node that crashes: listens on the AMQP port its {@code rabbitmq.conf} names, answers the
 * protocol header with a frame byte as a node would, and exits with status 1 after {@code args[0]} milliseconds.
 */
public final class FakeNodeMain {
    private FakeNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        String conf = Files.readString(Path.of(System.getenv("RABBITMQ_CONFIG_FILE")));
        String listener = conf.lines().filter(line -> line.startsWith("listeners.tcp.1 = ")).findFirst().orElseThrow();
        int port = Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1).strip());
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                try (Socket client = server.accept()) {
                    InputStream in = client.getInputStream();
                    in.readNBytes(8);
                    client.getOutputStream().write(1);
                } catch (Exception e) {
                    return;
                }
            }
        });
        Thread.sleep(Long.parseLong(args[0]));
        System.exit(1);
    }
}
