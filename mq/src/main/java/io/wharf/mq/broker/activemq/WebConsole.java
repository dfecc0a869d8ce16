package io.wharf.mq.broker.activemq;

import io.wharf.mq.broker.BrokerSpec.BrokerUser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker instance's ActiveMQ web console (Apache ActiveMQ's own, in {@link WebConsoleBundle}'s Tomcat): AWS's
 * {@code ConsoleURL}, {@code https://host:port} with the console at {@code /admin}, TLS with the broker's certificate
 * when it has one. Only the broker's users with {@code ConsoleAccess} sign in (HTTP basic authentication, passwords
 * compared in constant time); a user's console access changes with the user's other pending changes, at the reboot.
 *
 * <p>The console reads the broker through JMX in this process's platform MBean server (its facade asks for the
 * instance by broker name) and sends and browses messages as {@link #USER}, a broker user the API cannot name or see,
 * with a random password made at each start and kept in memory only, over a connector on loopback that DescribeBroker
 * does not list. That user is in {@value BrokerUsers#CONSOLE_GROUP}, so an authorization map limits what the console
 * may do exactly as it limits that group, as on Amazon MQ.
 */
final class WebConsole implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebConsole.class);
    /** The console's own broker user: {@code @} and {@code /} are not allowed in an API user name. */
    static final String USER = "@wharf/console";

    private final AutoCloseable server;
    private final int port;

    private WebConsole(AutoCloseable server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts the console of the broker instance {@code brokerName}.
     *
     * @param port        the port to listen on, 0 for a free one
     * @param jmsPort     the instance's loopback console connector
     * @param jmsPassword {@link #USER}'s password
     * @param tls         the broker's key store, or null for plain HTTP
     */
    static WebConsole start(WebConsoleBundle bundle, Path work, String host, int port, TlsMaterial.KeyMaterial tls,
                            String brokerName, int jmsPort, String jmsPassword, List<BrokerUser> users) throws Exception {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("wharf.console.brokerName", brokerName);
        // Not failover: a console outliving its broker would keep a reconnecting thread. ActiveMQ's session pool makes
        // a new connection when its last one failed (a standby that took over, a relaunched instance).
        parameters.put("wharf.console.jms.url", "tcp://127.0.0.1:" + jmsPort);
        parameters.put("wharf.console.jms.user", USER);
        parameters.put("wharf.console.jms.password", jmsPassword);
        Map<String, Object> settings = new HashMap<>();
        settings.put("webapp", bundle.webapp().toString());
        settings.put("work", work.toString());
        settings.put("host", host);
        settings.put("port", port);
        if (tls != null) {
            settings.put("keyStore", tls.store());
            settings.put("keyStorePassword", new String(tls.password()));
        }
        settings.put("authenticate", consoleUsers(users));
        settings.put("parameters", parameters);
        Object server = bundle.start(settings);
        int bound = ((IntSupplier) server).getAsInt();
        LOG.info("ActiveMQ web console of {} serves on {}:{}", brokerName, host, bound);
        return new WebConsole((AutoCloseable) server, bound);
    }

    /** Accepts the users with {@code ConsoleAccess} and their passwords. */
    static BiPredicate<String, String> consoleUsers(List<BrokerUser> users) {
        Map<String, byte[]> passwords = new HashMap<>();
        for (BrokerUser user : users) {
            if (user.consoleAccess()) {
                passwords.put(user.username(), user.password().getBytes(StandardCharsets.UTF_8));
            }
        }
        return (username, password) -> {
            byte[] expected = passwords.get(username);
            return expected != null && MessageDigest.isEqual(expected, password.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** The key of instance {@code index}'s console port in the spec's and the broker's ports ({@code console}, {@code console.1}). */
    static String portKey(int index) {
        return index == 0 ? "console" : "console." + index;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            LOG.warn("the ActiveMQ web console on port {} did not stop cleanly", port, e);
        }
    }
}
