package io.wharf.mq.broker.activemq;

import static io.wharf.mq.broker.activemq.Brokers.ALICE;
import static io.wharf.mq.broker.activemq.Brokers.ALICE_PASSWORD;
import static io.wharf.mq.broker.activemq.Brokers.BOB;
import static io.wharf.mq.broker.activemq.Brokers.BOB_PASSWORD;
import static io.wharf.mq.broker.activemq.Brokers.RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.mq.broker.BrokerRuntime.ConfigurationRejected;
import io.wharf.mq.broker.BrokerRuntime.ConfigurationWarning;
import io.wharf.mq.broker.BrokerSpec;
import io.wharf.mq.broker.RunningBroker;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.Map;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration revisions: what is refused, what is removed with AWS's warnings, and what a broker applies. */
class ConfigurationTest {
    private static final long RECEIVE_MILLIS = 10_000;

    /** Amazon MQ's default ActiveMQ configuration, as CreateConfiguration's first revision holds it. */
    static final String AWS_DEFAULT = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <broker xmlns="http://activemq.apache.org/schema/core" schedulePeriodForDestinationPurge="10000">
              <destinationPolicy>
                <policyMap>
                  <policyEntries>
                    <policyEntry topic="&gt;" gcInactiveDestinations="true" inactiveTimoutBeforeGC="600000">
                      <pendingMessageLimitStrategy>
                        <constantPendingMessageLimitStrategy limit="1000"/>
                      </pendingMessageLimitStrategy>
                    </policyEntry>
                    <policyEntry queue="&gt;" gcInactiveDestinations="true" inactiveTimoutBeforeGC="600000"/>
                  </policyEntries>
                </policyMap>
              </destinationPolicy>
              <plugins>
              </plugins>
            </broker>
            """;

    @TempDir
    Path dir;

    @Test
    void awsDefaultConfigurationIsAcceptedAsItIs() {
        RUNTIME.validateConfiguration(AWS_DEFAULT);
        assertThat(RUNTIME.configurationWarnings(AWS_DEFAULT)).isEmpty();
    }

    @Test
    void elementsAndAttributesAmazonMqDoesNotPermitAreRemovedWithItsWarnings() {
        String xml = """
                <broker xmlns="http://activemq.apache.org/schema/core" useJmx="true" persistent="true">
                  <managementContext><managementContext createConnector="true"/></managementContext>
                  <persistenceAdapter><kahaDB directory="/etc" concurrentStoreAndDispatchQueues="false"/></persistenceAdapter>
                  <destinationPolicy><policyMap><policyEntries>
                    <policyEntry queue="&gt;" memoryLimit="plenty"/>
                  </policyEntries></policyMap></destinationPolicy>
                </broker>
                """;
        assertThat(RUNTIME.configurationWarnings(xml)).containsExactlyInAnyOrder(
                new ConfigurationWarning("broker", "useJmx", "DISALLOWED_ATTRIBUTE_REMOVED"),
                new ConfigurationWarning("managementContext", null, "DISALLOWED_ELEMENT_REMOVED"),
                new ConfigurationWarning("kahaDB", "directory", "DISALLOWED_ATTRIBUTE_REMOVED"),
                new ConfigurationWarning("policyEntry", "memoryLimit", "INVALID_ATTRIBUTE_VALUE_REMOVED"));
    }

    @Test
    void documentsThatAreNotBrokerConfigurationsAreRefused() {
        assertThatThrownBy(() -> RUNTIME.validateConfiguration("<broker><unclosed></broker>"))
                .isInstanceOf(ConfigurationRejected.class).hasMessageContaining("not valid XML");
        assertThatThrownBy(() -> RUNTIME.validateConfiguration("<beans xmlns=\"http://www.springframework.org/schema/beans\"/>"))
                .isInstanceOf(ConfigurationRejected.class).hasMessageContaining("<broker>");
        assertThatThrownBy(() -> RUNTIME.validateConfiguration(""))
                .isInstanceOf(ConfigurationRejected.class);
    }

    @Test
    void externalEntitiesAndDoctypesAreRefusedUnread() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE broker [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <broker xmlns="http://activemq.apache.org/schema/core"><destinations><queue physicalName="&secret;"/></destinations></broker>
                """;
        assertThatThrownBy(() -> RUNTIME.validateConfiguration(xxe))
                .isInstanceOf(ConfigurationRejected.class)
                .hasMessageNotContaining("root:");
    }

    @Test
    void anAuthorizationMapLimitsWhatEachGroupMayDo() throws Exception {
        String xml = """
                <broker xmlns="http://activemq.apache.org/schema/core">
                  <plugins>
                    <authorizationPlugin><map><authorizationMap><authorizationEntries>
                      <authorizationEntry queue="&gt;" read="admins,users" write="admins" admin="admins"/>
                      <authorizationEntry topic="ActiveMQ.Advisory.&gt;" read="admins,users" write="admins,users" admin="admins,users"/>
                    </authorizationEntries></authorizationMap></map></authorizationPlugin>
                  </plugins>
                </broker>
                """;
        assertThat(RUNTIME.configurationWarnings(xml)).isEmpty();
        RunningBroker broker = RUNTIME.start(Brokers.spec(dir.resolve("broker"), "SINGLE_INSTANCE", Map.of(), xml, null));
        try {
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(Brokers.endpoint(broker, 0, "tcp"));
            try (Connection admin = factory.createConnection(ALICE, ALICE_PASSWORD);
                 Connection user = factory.createConnection(BOB, BOB_PASSWORD)) {
                admin.start();
                user.start();
                Session adminSession = admin.createSession(false, Session.AUTO_ACKNOWLEDGE);
                adminSession.createProducer(adminSession.createQueue("orders")).send(adminSession.createTextMessage("ok"));

                Session userSession = user.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = userSession.createConsumer(userSession.createQueue("orders"));
                assertThat(((TextMessage) consumer.receive(RECEIVE_MILLIS)).getText()).isEqualTo("ok");
                assertThatThrownBy(() -> userSession.createProducer(userSession.createQueue("orders"))
                        .send(userSession.createTextMessage("not allowed")))
                        .isInstanceOf(JMSSecurityException.class);
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void forcedPersistenceKeepsNonPersistentMessagesAcrossARestart() throws Exception {
        String xml = """
                <broker xmlns="http://activemq.apache.org/schema/core">
                  <plugins><forcePersistencyModeBrokerPlugin persistenceFlag="true"/></plugins>
                </broker>
                """;
        BrokerSpec spec = Brokers.spec(dir.resolve("broker"), "SINGLE_INSTANCE", Map.of(), xml, null);
        RunningBroker first = RUNTIME.start(spec);
        try (Connection connection = new ActiveMQConnectionFactory(Brokers.endpoint(first, 0, "tcp"))
                .createConnection(ALICE, ALICE_PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("forced"));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            producer.send(session.createTextMessage("kept anyway"));
        } finally {
            first.close();
        }
        RunningBroker second = RUNTIME.start(Brokers.again(spec, first));
        try (Connection connection = new ActiveMQConnectionFactory(Brokers.endpoint(second, 0, "tcp"))
                .createConnection(ALICE, ALICE_PASSWORD)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("forced"));
            assertThat(((TextMessage) consumer.receive(RECEIVE_MILLIS)).getText()).isEqualTo("kept anyway");
        } finally {
            second.close();
        }
    }
}
