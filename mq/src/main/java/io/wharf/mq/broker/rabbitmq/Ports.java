package io.wharf.mq.broker.rabbitmq;

import io.wharf.mq.broker.BrokerRuntime.BrokerStartException;
import io.wharf.mq.broker.BrokerSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Picking a broker's ports (bind port 0, read it back) and probing whether a node listens and speaks AMQP. */
final class Ports {
    private static final byte[] AMQP_HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    private Ports() {
    }

    /** The port the spec names for {@code transport}, checked free, or a free one. */
    static int chosenOrFree(BrokerSpec spec, String transport) throws IOException {
        InetAddress bind = InetAddress.getByName(spec.bindHost());
        Integer chosen = spec.ports().get(transport);
        if (chosen == null) {
            return free(bind);
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(bind, chosen));
        } catch (IOException e) {
            throw new BrokerStartException("Port " + chosen + " (" + transport + ") of RabbitMQ broker "
                    + spec.brokerId() + " is taken on " + spec.bindHost(), e);
        }
        return chosen;
    }

    static int free(InetAddress bind) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bind, 0));
            return socket.getLocalPort();
        }
    }

    static boolean accepts(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the node answers the AMQP 0-9-1 header with a frame (its Connection.Start): users are loaded then. */
    static boolean answersAmqp(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(AMQP_HEADER);
            out.flush();
            InputStream in = socket.getInputStream();
            return in.read() == 1; // frame type METHOD
        } catch (IOException e) {
            return false;
        }
    }
}
