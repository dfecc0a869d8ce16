package io.wharf.it.mq;

import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.mq.MqClient;
import software.amazon.awssdk.services.mq.model.BrokerState;
import software.amazon.awssdk.services.mq.model.ChangeType;
import software.amazon.awssdk.services.mq.model.DescribeBrokerResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Amazon MQ's state survives a restart on the same data directory: configurations with their revisions and tags, and
 * (with the ActiveMQ runtime) brokers, which start again on the same endpoints, their users, pending changes and tags;
 * a deleted broker's directory is gone.
 */
class MqRestartIT {
    @TempDir
    Path dataDir;

    private Wharf start() {
        return Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).build());
    }

    @Test
    void configurationsRevisionsAndTagsSurviveARestart() {
        String id;
        String data = Base64.getEncoder().encodeToString(("<broker xmlns=\"http://activemq.apache.org/schema/core\">"
                + "<plugins><statisticsBrokerPlugin/></plugins></broker>").getBytes(StandardCharsets.UTF_8));
        try (Wharf wharf = start(); MqClient mq = MqTestBase.client(URI.create(wharf.endpoint()))) {
            id = mq.createConfiguration(r -> r.name("durable").engineType("ACTIVEMQ").tags(Map.of("k", "v"))).id();
            mq.updateConfiguration(r -> r.configurationId(id).data(data).description("second"));
        }
        try (Wharf wharf = start(); MqClient mq = MqTestBase.client(URI.create(wharf.endpoint()))) {
            var described = mq.describeConfiguration(r -> r.configurationId(id));
            assertThat(described.name()).isEqualTo("durable");
            assertThat(described.latestRevision().revision()).isEqualTo(2);
            assertThat(described.latestRevision().description()).isEqualTo("second");
            assertThat(described.tags()).containsEntry("k", "v");
            assertThat(mq.describeConfigurationRevision(r -> r.configurationId(id).configurationRevision("2")).data())
                    .isEqualTo(data);
        }
    }

    @Test
    void brokersStartAgainOnTheirEndpointsWithTheirUsersAndPendingChanges() throws Exception {
        String id;
        String deletedId;
        List<String> endpoints;
        try (Wharf wharf = start(); MqClient mq = MqTestBase.client(URI.create(wharf.endpoint()))) {
            id = Brokers.create(mq, "durable", r -> r.tags(Map.of("team", "shop"))).brokerId();
            deletedId = Brokers.create(mq, "short-lived", r -> { }).brokerId();
            endpoints = Brokers.await(mq, id, BrokerState.RUNNING).brokerInstances().get(0).endpoints();
            Brokers.await(mq, deletedId, BrokerState.RUNNING);
            mq.createUser(r -> r.brokerId(id).username("later").password(MqTestBase.PASSWORD));
            mq.deleteBroker(r -> r.brokerId(deletedId));
            Brokers.awaitGone(mq, deletedId);
        }
        assertThat(dataDir.resolve("mq").resolve(deletedId)).doesNotExist();
        try (Wharf wharf = start(); MqClient mq = MqTestBase.client(URI.create(wharf.endpoint()))) {
            DescribeBrokerResponse again = Brokers.await(mq, id, BrokerState.RUNNING);
            assertThat(again.brokerName()).isEqualTo("durable");
            assertThat(again.tags()).containsEntry("team", "shop");
            assertThat(again.brokerInstances().get(0).endpoints()).isEqualTo(endpoints);
            assertThat(mq.describeUser(r -> r.brokerId(id).username("later")).pending().pendingChange())
                    .isEqualTo(ChangeType.CREATE);
            assertThat(mq.describeUser(r -> r.brokerId(id).username("app")).groups()).containsExactly("writers");
            assertThat(MqTestBase.error(() -> mq.describeBroker(r -> r.brokerId(deletedId))).statusCode())
                    .isEqualTo(404);
            mq.deleteBroker(r -> r.brokerId(id));
            Brokers.awaitGone(mq, id);
        }
    }
}
