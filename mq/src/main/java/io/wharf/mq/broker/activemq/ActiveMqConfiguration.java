package io.wharf.mq.broker.activemq;

import java.util.List;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;

/** An ActiveMQ configuration revision as Amazon MQ accepts it, and what of it Wharf applies to a broker. */
final class ActiveMqConfiguration {
    static final ActiveMqConfiguration DEFAULT = new ActiveMqConfiguration();

    static ActiveMqConfiguration parse(String xml) {
        return DEFAULT;
    }

    void applyTo(BrokerService broker, KahaDBPersistenceAdapter store) {
    }

    List<BrokerPlugin> plugins() {
        return List.of();
    }
}
