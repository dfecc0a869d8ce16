package io.wharf.mq.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a broker should be, as the MQ engine knows it from the API: everything a runtime needs to (re)start it.
 *
 * @param brokerId        AWS's id ({@code b-<uuid>}); stable across restarts
 * @param brokerName      the user's name for it
 * @param engineType      {@code ACTIVEMQ} or {@code RABBITMQ}
 * @param engineVersion   as the API holds it (e.g. {@code 5.18}, {@code 3.13})
 * @param deploymentMode  {@code SINGLE_INSTANCE}, {@code ACTIVE_STANDBY_MULTI_AZ} or {@code CLUSTER_MULTI_AZ}
 * @param bindHost        the address the broker's transports listen on (loopback unless {@code PubliclyAccessible}
 *                        and Wharf listens wider)
 * @param advertisedHost  the host name endpoints name
 * @param dataDirectory   the broker's own directory under Wharf's data dir (store, logs); created by the runtime
 * @param ports           the ports chosen before, by transport name ({@code openwire}, {@code amqp}, {@code stomp},
 *                        {@code mqtt}, {@code wss}, {@code console}, per instance index as {@code openwire.1}), so a
 *                        restarted broker keeps its endpoints; empty at first start (the runtime picks free ones and
 *                        reports them in {@link RunningBroker#ports()})
 * @param users           the broker's users as the API has them applied (pending changes are applied on reboot)
 * @param configurationXml the applied configuration revision's data (decoded), or null for the engine's default
 * @param tls             the certificate and key transports use for their TLS endpoints, or null for plain ones only
 */
public record BrokerSpec(String brokerId, String brokerName, String engineType, String engineVersion,
                         String deploymentMode, String bindHost, String advertisedHost, Path dataDirectory,
                         Map<String, Integer> ports, List<BrokerUser> users, String configurationXml, Tls tls) {
    public BrokerSpec {
        ports = Map.copyOf(ports);
        users = List.copyOf(users);
    }

    /** A broker user: the API's {@code User} with its password. */
    public record BrokerUser(String username, String password, boolean consoleAccess, List<String> groups,
                             boolean replicationUser) {
        public BrokerUser {
            groups = List.copyOf(groups);
        }

        @Override
        public String toString() { // never the password
            return "BrokerUser[" + username + ", consoleAccess=" + consoleAccess + ", groups=" + groups + "]";
        }
    }

    /** A PEM certificate chain and PKCS#8 PEM private key for TLS transports. */
    public record Tls(String certificateChainPem, String privateKeyPem) {
        @Override
        public String toString() {
            return "Tls[…]";
        }
    }
}
