package io.wharf.mq.broker.rabbitmq;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.wharf.mq.broker.BrokerSpec;
import io.wharf.mq.broker.BrokerSpec.BrokerUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A user deleted through the API (DeleteUser, then RebootBroker: the engine starts the node again without it) leaves
 * the node: its login is refused and RabbitMQ no longer lists it, while the users it still has and the users made
 * through RabbitMQ itself stay.
 */
@Execution(ExecutionMode.CONCURRENT) // its nodes are its own: it runs beside the other suites
class DeletedUserTest {
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-password-123";
    private static final String LEAVER = "-leaver"; // a name the CLI could take for an option
    private static final String LEAVER_PASSWORD = "leaver-password-123";
    private static final String LOCAL = "made-in-rabbitmq";
    private static final String LOCAL_PASSWORD = "local-password-123";

    @TempDir
    Path data;

    @Test
    void aDeletedUserCannotSignInAfterTheRebootAndIsGoneFromTheNode() throws Exception {
        RabbitMqRuntime runtime = RabbitMqTesting.runtimeOrSkip();
        BrokerSpec before = RabbitMqTesting.spec(RabbitMqTesting.newBrokerId(), data.resolve("broker"), java.util.Map.of(),
                List.of(new BrokerUser(ADMIN, ADMIN_PASSWORD, true, List.of(), false),
                        new BrokerUser(LEAVER, LEAVER_PASSWORD, false, List.of(), false)), null);
        RabbitMqNode first = (RabbitMqNode) runtime.start(before);
        try {
            connect(first, LEAVER, LEAVER_PASSWORD).close();
            if (first.instances().getFirst().consoleUrl() != null) {
                // a user made through RabbitMQ itself (management API), which Wharf must leave alone
                HttpResponse<String> made = console(first, "PUT", "/api/users/" + LOCAL,
                        "{\"password\":\"" + LOCAL_PASSWORD + "\",\"tags\":\"\"}");
                assertThat(made.statusCode()).isIn(201, 204);
            }
        } finally {
            first.close();
        }

        // DeleteUser + RebootBroker: the same broker, its users without the leaver
        BrokerSpec after = new BrokerSpec(before.brokerId(), before.brokerName(), before.engineType(),
                before.engineVersion(), before.deploymentMode(), before.bindHost(), before.advertisedHost(),
                before.dataDirectory(), first.ports(), List.of(before.users().getFirst()), null, null);
        RabbitMqNode second = (RabbitMqNode) runtime.start(after);
        try {
            assertThatThrownBy(() -> connect(second, LEAVER, LEAVER_PASSWORD).close())
                    .isInstanceOf(AuthenticationFailureException.class);
            connect(second, ADMIN, ADMIN_PASSWORD).close();
            assertThat(Files.readString(after.dataDirectory().resolve("api-users"))).isEqualTo(ADMIN + "\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    after.dataDirectory().resolve("api-users")))).isEqualTo("rw-------");

            if (second.instances().getFirst().consoleUrl() != null) {
                String users = console(second, "GET", "/api/users", null).body();
                assertThat(users).contains("\"name\":\"" + ADMIN + "\"")
                        .doesNotContain("\"name\":\"" + LEAVER + "\"");
                assertThat(users).as("a user made in RabbitMQ is not the API's to delete")
                        .contains("\"name\":\"" + LOCAL + "\"");
            }
        } finally {
            second.close();
        }

        // and it stays gone: the next start has nothing left to delete
        RabbitMqNode third = (RabbitMqNode) runtime.start(new BrokerSpec(after.brokerId(), after.brokerName(),
                after.engineType(), after.engineVersion(), after.deploymentMode(), after.bindHost(),
                after.advertisedHost(), after.dataDirectory(), second.ports(), after.users(), null, null));
        try {
            assertThatThrownBy(() -> connect(third, LEAVER, LEAVER_PASSWORD).close())
                    .isInstanceOf(AuthenticationFailureException.class);
            assertThat(Files.readString(after.dataDirectory().resolve("definitions.json"))).doesNotContain(LEAVER);
        } finally {
            third.close();
        }
    }

    private static Connection connect(RabbitMqNode broker, String user, String password) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(broker.ports().get("amqp"));
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setConnectionTimeout(10_000);
        return factory.newConnection("wharf-test");
    }

    private static HttpResponse<String> console(RabbitMqNode broker, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(broker.instances().getFirst().consoleUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
