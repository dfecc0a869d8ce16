package io.wharf.mq.broker.rabbitmq;

import io.wharf.mq.broker.BrokerRuntime.ConfigurationRejected;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RabbitMqConfigurationTest {
    @Test
    void acceptsAmazonMqsConfigurableKeysWithCommentsAndBlankLines() {
        RabbitMqConfiguration configuration = RabbitMqConfiguration.parse("""
                # tuned for slow consumers
                consumer_timeout = 3600000

                heartbeat=120   # seconds
                management.restrictions.operator_policy_changes.disabled = false
                quorum_queue.property_equivalence.relaxed_checks_on_redeclaration = true
                secure.management.http.headers.enabled = true
                max_message_size = 1048576
                """);
        assertThat(configuration.values()).containsEntry("consumer_timeout", "3600000")
                .containsEntry("heartbeat", "120").containsEntry("max_message_size", "1048576").hasSize(6);
    }

    @Test
    void handsTheNodeOnlyKeysItKnowsAndNeverAmazonsOwnSwitch() {
        RabbitMqConfiguration configuration = RabbitMqConfiguration.parse("""
                consumer_timeout = 0
                heartbeat = 60
                secure.management.http.headers.enabled = false
                quorum_queue.property_equivalence.relaxed_checks_on_redeclaration = true
                """);
        Set<String> known = Set.of("consumer_timeout", "heartbeat", "secure.management.http.headers.enabled");
        assertThat(configuration.toRabbitConf(known::contains))
                .isEqualTo("consumer_timeout = 0\nheartbeat = 60\n");
    }

    @Test
    void refusesKeysAmazonMqDoesNotLetUsersSet() {
        assertThatThrownBy(() -> RabbitMqConfiguration.parse("vm_memory_high_watermark.relative = 0.8"))
                .isInstanceOf(ConfigurationRejected.class)
                .hasMessageStartingWith("Configuration key vm_memory_high_watermark.relative is not supported.")
                .hasMessageContaining("consumer_timeout");
        assertThatThrownBy(() -> RabbitMqConfiguration.parse("listeners.tcp.default = 5672"))
                .isInstanceOf(ConfigurationRejected.class);
    }

    @Test
    void refusesValuesOutsideTheDocumentedRanges() {
        assertThatThrownBy(() -> RabbitMqConfiguration.parse("heartbeat = 59"))
                .isInstanceOf(ConfigurationRejected.class)
                .hasMessage("Invalid value 59 for configuration key heartbeat.");
        assertThatThrownBy(() -> RabbitMqConfiguration.parse("heartbeat = 3601"))
                .isInstanceOf(ConfigurationRejected.class);
        assertThatThrownBy(() -> RabbitMqConfiguration.parse("consumer_timeout = 2147483648"))
                .isInstanceOf(ConfigurationRejected.class);
        assertThatThrownBy(() -> RabbitMqConfiguration.parse("consumer_timeout = soon"))
                .isInstanceOf(ConfigurationRejected.class);
        assertThatThrownBy(() -> RabbitMqConfiguration.parse("secure.management.http.headers.enabled = yes"))
                .isInstanceOf(ConfigurationRejected.class);
    }

    @Test
    void refusesLinesThatAreNotKeyValueAndRabbitMq4Sections() {
        assertThatThrownBy(() -> RabbitMqConfiguration.parse("<broker xmlns=\"http://activemq.apache.org/schema/core\"/>"))
                .isInstanceOf(ConfigurationRejected.class)
                .hasMessageContaining("key = value");
        assertThatThrownBy(() -> RabbitMqConfiguration.parse("{{m7g.large.single}}\nconnection_max = 10"))
                .isInstanceOf(ConfigurationRejected.class)
                .hasMessageContaining("RabbitMQ 4");
    }

    @Test
    void nothingIsTheDefaultConfiguration() {
        assertThat(RabbitMqConfiguration.parse(null).values()).isEmpty();
        assertThat(RabbitMqConfiguration.parse("").values()).isEmpty();
    }
}
