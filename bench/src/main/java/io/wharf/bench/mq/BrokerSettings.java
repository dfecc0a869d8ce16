package io.wharf.bench.mq;

import java.net.URI;

/**
 * Where the {@code mq-jms} scenario connects, and as whom.
 *
 * @param url      the broker's OpenWire endpoint as DescribeBroker lists it ({@code tcp://host:port} or
 *                 {@code ssl://host:port}), or null when none was given
 * @param username a broker user
 * @param password its password (never printed: see {@link #toString()})
 */
public record BrokerSettings(URI url, String username, String password) {
    /** No broker: the scenarios of other services never look. */
    public static final BrokerSettings NONE = new BrokerSettings(null, null, null);

    public BrokerSettings {
        if (url != null) {
            String scheme = url.getScheme();
            if (!"tcp".equals(scheme) && !"ssl".equals(scheme) || url.getHost() == null || url.getPort() <= 0) {
                throw new IllegalArgumentException("the broker URL must be an OpenWire endpoint tcp://HOST:PORT or "
                        + "ssl://HOST:PORT, got " + url);
            }
            if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
                throw new IllegalArgumentException("a broker user and password are required (Amazon MQ's brokers "
                        + "take no anonymous connections)");
            }
        }
    }

    /** The same user and password at another endpoint. */
    public BrokerSettings at(URI newUrl) {
        return new BrokerSettings(newUrl, username, password);
    }

    @Override
    public String toString() {
        return "BrokerSettings[url=" + url + ", username=" + username + ", password=***]";
    }
}
