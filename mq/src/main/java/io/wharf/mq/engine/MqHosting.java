package io.wharf.mq.engine;

import io.wharf.mq.broker.BrokerSpec;

import java.nio.file.Path;

/**
 * Where and how brokers run, from Wharf's configuration.
 *
 * @param brokersDirectory the parent of every broker's data directory ({@code <data dir>/mq})
 * @param wharfHost        the address Wharf listens on; publicly accessible brokers listen there too when it is wider
 *                         than loopback
 * @param advertisedHost   the host endpoints name when a broker listens on a wildcard address
 * @param tls              the certificate brokers' TLS transports use, or null for plain transports only
 */
public record MqHosting(Path brokersDirectory, String wharfHost, String advertisedHost, BrokerSpec.Tls tls) {
    static final String LOOPBACK = "127.0.0.1";

    /** Where a broker listens: loopback unless it is publicly accessible and Wharf listens wider. */
    String bindHost(boolean publiclyAccessible) {
        return publiclyAccessible && !loopback(wharfHost) ? wharfHost : LOOPBACK;
    }

    /** The host a broker's endpoints name. */
    String advertisedHost(String bindHost) {
        return switch (bindHost) {
            case "0.0.0.0", "::", "[::]" -> advertisedHost;
            default -> bindHost;
        };
    }

    private static boolean loopback(String host) {
        return host == null || host.equals("localhost") || host.startsWith("127.") || host.equals("::1")
                || host.equals("[::1]");
    }

    @Override
    public String toString() {
        return "MqHosting[" + brokersDirectory + ", " + wharfHost + ", " + advertisedHost + ", tls=" + (tls != null)
                + "]";
    }
}
