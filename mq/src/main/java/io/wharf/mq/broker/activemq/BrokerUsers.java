package io.wharf.mq.broker.activemq;

import io.wharf.mq.broker.BrokerSpec.BrokerUser;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.activemq.security.AuthenticationUser;
import org.apache.activemq.security.SimpleAuthenticationPlugin;

/**
 * The API's users as the broker's: ActiveMQ's simple authentication plugin, every connection on every transport
 * authenticated (no anonymous access, as on Amazon MQ). A user's groups are the API's {@code Groups}; a user with
 * {@code ConsoleAccess} is also in {@value #CONSOLE_GROUP}, the group Amazon MQ's console uses; so is the web console's
 * own user ({@link WebConsole#USER}). Without an authorization map every signed-in user may do everything; with one
 * ({@link ActiveMqConfiguration}), the map decides for that group as for any other, as on Amazon MQ.
 */
final class BrokerUsers {
    static final String CONSOLE_GROUP = "activemq-webconsole";

    private BrokerUsers() {
    }

    /** The API's users, and the web console's own ({@link WebConsole#USER}) with {@code consolePassword}. */
    static SimpleAuthenticationPlugin authentication(List<BrokerUser> users, String consolePassword) {
        List<AuthenticationUser> entries = new ArrayList<>(users.size() + 1);
        for (BrokerUser user : users) {
            entries.add(new AuthenticationUser(user.username(), user.password(), String.join(",", groups(user))));
        }
        entries.add(new AuthenticationUser(WebConsole.USER, consolePassword, CONSOLE_GROUP));
        SimpleAuthenticationPlugin plugin = new SimpleAuthenticationPlugin(entries);
        plugin.setAnonymousAccessAllowed(false);
        return plugin;
    }

    static Set<String> groups(BrokerUser user) {
        Set<String> groups = new LinkedHashSet<>(user.groups());
        if (user.consoleAccess()) {
            groups.add(CONSOLE_GROUP);
        }
        return groups;
    }
}
