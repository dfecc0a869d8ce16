package io.wharf.it.mq;

import io.wharf.testkit.TrustingTls;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.mq.model.BadRequestException;
import software.amazon.awssdk.services.mq.model.BrokerState;
import software.amazon.awssdk.services.mq.model.BrokerSummary;
import software.amazon.awssdk.services.mq.model.ChangeType;
import software.amazon.awssdk.services.mq.model.ConflictException;
import software.amazon.awssdk.services.mq.model.DescribeBrokerResponse;
import software.amazon.awssdk.services.mq.model.DescribeUserResponse;
import software.amazon.awssdk.services.mq.model.MqException;
import software.amazon.awssdk.services.mq.model.UserSummary;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Brokers through the SDK with the ActiveMQ runtime behind them: CREATION_IN_PROGRESS → RUNNING with endpoints that
 * accept connections and an ActiveMQ web console whose sign-in follows ConsoleAccess, users whose changes are pending
 * until RebootBroker, a configuration revision applied on reboot,
 * tags, conflicts, Promote, DeleteBroker → DELETION_IN_PROGRESS → gone. Skipped while Wharf has no ActiveMQ runtime.
 */
class MqBrokersIT extends MqTestBase {

    @Test
    void aBrokerRunsWithEndpointsAndItsUsersChangeOnReboot() throws Exception {
        String name = unique("orders");
        var created = Brokers.create(mq, name, r -> r.tags(Map.of("team", "shop")));
        assertThat(created.brokerId()).matches("b-[0-9a-f-]{36}");
        assertThat(created.brokerArn()).isEqualTo("arn:aws:mq:" + REGION + ":" + ACCOUNT + ":broker:" + name + ":"
                + created.brokerId());
        String id = created.brokerId();
        DescribeBrokerResponse running = Brokers.await(mq, id, BrokerState.RUNNING);
        assertThat(running.brokerName()).isEqualTo(name);
        assertThat(running.engineVersion()).isEqualTo("5.18");
        assertThat(running.tags()).containsEntry("team", "shop");
        assertThat(running.users()).extracting(UserSummary::username).containsExactly("app");
        assertThat(running.configurations().current().id()).startsWith("c-");
        assertThat(running.brokerInstances()).singleElement().satisfies(instance -> {
            assertThat(instance.endpoints()).isNotEmpty();
            URI endpoint = URI.create(instance.endpoints().get(0));
            try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
                assertThat(socket.isConnected()).as("the broker accepts connections at " + endpoint).isTrue();
            }
        });
        assertThat(mq.listBrokers(r -> { }).brokerSummaries()).extracting(BrokerSummary::brokerId).contains(id);
        URI console = URI.create(running.brokerInstances().get(0).consoleURL()).resolve("/admin/");
        assertThat(console.getScheme()).isIn("http", "https");
        assertThat(signIn(console, "app")).as("app has ConsoleAccess").isEqualTo(200);

        mq.createUser(r -> r.brokerId(id).username("reader").password(PASSWORD).groups("readers"));
        mq.updateUser(r -> r.brokerId(id).username("app").consoleAccess(false));
        DescribeUserResponse pending = mq.describeUser(r -> r.brokerId(id).username("reader"));
        assertThat(pending.pending().pendingChange()).isEqualTo(ChangeType.CREATE);
        assertThat(pending.pending().groups()).containsExactly("readers");
        DescribeUserResponse app = mq.describeUser(r -> r.brokerId(id).username("app"));
        assertThat(app.consoleAccess()).isTrue();
        assertThat(app.groups()).containsExactly("writers");
        assertThat(app.pending().pendingChange()).isEqualTo(ChangeType.UPDATE);
        assertThat(app.pending().consoleAccess()).isFalse();
        assertThat(mq.listUsers(r -> r.brokerId(id)).users()).extracting(UserSummary::pendingChange)
                .containsExactly(ChangeType.UPDATE, ChangeType.CREATE);
        MqException twice = error(() -> mq.createUser(r -> r.brokerId(id).username("reader").password(PASSWORD)));
        assertThat(twice).isInstanceOf(ConflictException.class);
        assertThat(twice.statusCode()).isEqualTo(409);

        assertThat(signIn(console, "app")).as("ConsoleAccess is taken away at the reboot, not before").isEqualTo(200);
        mq.rebootBroker(r -> r.brokerId(id));
        Brokers.await(mq, id, BrokerState.RUNNING);
        DescribeUserResponse applied = mq.describeUser(r -> r.brokerId(id).username("app"));
        assertThat(applied.consoleAccess()).isFalse();
        assertThat(signIn(console, "app")).as("the console keeps its URL; app may no longer sign in").isEqualTo(401);
        assertThat(applied.pending()).isNull();
        assertThat(mq.describeUser(r -> r.brokerId(id).username("reader")).groups()).containsExactly("readers");

        mq.deleteUser(r -> r.brokerId(id).username("reader"));
        assertThat(mq.describeUser(r -> r.brokerId(id).username("reader")).pending().pendingChange())
                .isEqualTo(ChangeType.DELETE);
        mq.rebootBroker(r -> r.brokerId(id));
        Brokers.await(mq, id, BrokerState.RUNNING);
        assertThat(error(() -> mq.describeUser(r -> r.brokerId(id).username("reader"))).statusCode()).isEqualTo(404);

        MqException promote = error(() -> mq.promote(r -> r.brokerId(id).mode("SWITCHOVER")));
        assertThat(promote).isInstanceOf(BadRequestException.class);

        mq.deleteBroker(r -> r.brokerId(id));
        Brokers.awaitGone(mq, id);
    }

    /** The status of the ActiveMQ web console's answer to {@code user} with {@link #PASSWORD} (no session kept). */
    private static int signIn(URI console, String user) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(TrustingTls.context()).build();
        String basic = Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(console).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aConfigurationRevisionAppliesOnRebootAndNamesTakenAreConflicts() throws Exception {
        String name = unique("conf");
        String id = Brokers.create(mq, name, r -> { }).brokerId();
        MqException duplicate = error(() -> Brokers.create(mq, name, r -> { }));
        assertThat(duplicate).isInstanceOf(ConflictException.class);
        assertThat(((ConflictException) duplicate).errorAttribute()).isEqualTo("brokerName");
        Brokers.await(mq, id, BrokerState.RUNNING);

        String configuration = mq.createConfiguration(r -> r.name(unique("c")).engineType("ACTIVEMQ")
                .engineVersion("5.18")).id();
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<broker xmlns=\"http://activemq.apache.org/schema/core\"><plugins><statisticsBrokerPlugin/>"
                + "</plugins></broker>";
        mq.updateConfiguration(r -> r.configurationId(configuration)
                .data(Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8))));
        var update = mq.updateBroker(r -> r.brokerId(id).configuration(c -> c.id(configuration).revision(2)));
        assertThat(update.configuration().id()).isEqualTo(configuration);
        DescribeBrokerResponse pending = mq.describeBroker(r -> r.brokerId(id));
        assertThat(pending.configurations().pending().id()).isEqualTo(configuration);
        assertThat(error(() -> mq.deleteConfiguration(r -> r.configurationId(configuration))))
                .isInstanceOf(ConflictException.class);

        mq.rebootBroker(r -> r.brokerId(id));
        assertThat(mq.describeBroker(r -> r.brokerId(id)).brokerState()).isIn(BrokerState.REBOOT_IN_PROGRESS,
                BrokerState.RUNNING);
        DescribeBrokerResponse rebooted = Brokers.await(mq, id, BrokerState.RUNNING);
        assertThat(rebooted.configurations().current().id()).isEqualTo(configuration);
        assertThat(rebooted.configurations().current().revision()).isEqualTo(2);
        assertThat(rebooted.configurations().history()).hasSize(1);
        assertThat(rebooted.configurations().pending()).isNull();

        mq.createTags(r -> r.resourceArn(rebooted.brokerArn()).tags(Map.of("env", "test")));
        assertThat(mq.listTags(r -> r.resourceArn(rebooted.brokerArn())).tags()).containsEntry("env", "test");

        mq.deleteBroker(r -> r.brokerId(id));
        DescribeBrokerResponse deleting;
        try {
            deleting = mq.describeBroker(r -> r.brokerId(id));
            assertThat(deleting.brokerState()).isEqualTo(BrokerState.DELETION_IN_PROGRESS);
        } catch (software.amazon.awssdk.services.mq.model.NotFoundException alreadyGone) {
            // deleted before we looked
        }
        Brokers.awaitGone(mq, id);
        assertThat(mq.listBrokers(r -> { }).brokerSummaries()).extracting(BrokerSummary::brokerId)
                .doesNotContain(id);
    }

    @Test
    void aRabbitMqBrokerRunsThroughTheSameApi() throws Exception {
        String id;
        try {
            id = mq.createBroker(r -> r.brokerName(unique("rabbit")).engineType("RABBITMQ").engineVersion("3.13")
                    .hostInstanceType("mq.t3.micro").deploymentMode("SINGLE_INSTANCE").publiclyAccessible(false)
                    .users(u -> u.username("app").password(PASSWORD))).brokerId();
        } catch (BadRequestException unavailable) {
            if (Boolean.getBoolean("mq.requireRabbit")) {
                throw new AssertionError("-Dmq.requireRabbit=true but RabbitMQ brokers are unavailable", unavailable);
            }
            org.junit.jupiter.api.Assumptions.abort("RabbitMQ brokers are not available here: "
                    + unavailable.getMessage());
            return;
        }
        DescribeBrokerResponse running = Brokers.await(mq, id, BrokerState.RUNNING);
        assertThat(running.engineType().toString()).isEqualTo("RABBITMQ");
        assertThat(running.configurations().current()).as("no default configuration for RabbitMQ").isNull();
        URI endpoint = URI.create(running.brokerInstances().get(0).endpoints().get(0));
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            assertThat(socket.isConnected()).isTrue();
        }
        mq.deleteBroker(r -> r.brokerId(id));
        Brokers.awaitGone(mq, id);
    }
}
