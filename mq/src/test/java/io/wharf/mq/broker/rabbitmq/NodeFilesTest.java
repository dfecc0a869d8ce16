package io.wharf.mq.broker.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.mq.broker.BrokerSpec.BrokerUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The users a node's files record and define, without a node (RabbitMQ need not be installed). */
class NodeFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<BrokerUser> USERS = List.of(
            new BrokerUser("admin", "admin-password-123", true, List.of(), false),
            new BrokerUser("replica", "replica-password-1", false, List.of(), true));

    @TempDir
    Path dir;

    @Test
    void aRemovedUserIsDefinedWithoutAPasswordHashTagsOrPermissions() throws Exception {
        JsonNode definitions = JSON.readTree(NodeFiles.definitionsJson(USERS, Set.of("gone")));

        assertThat(definitions.path("users")).hasSize(2);
        JsonNode admin = definitions.path("users").get(0);
        assertThat(admin.path("name").asText()).isEqualTo("admin");
        assertThat(admin.path("password_hash").asText()).isNotEmpty();
        JsonNode gone = definitions.path("users").get(1);
        assertThat(gone.path("name").asText()).isEqualTo("gone");
        assertThat(gone.path("password_hash").asText()).isEmpty();
        assertThat(gone.path("tags")).isEmpty();
        assertThat(definitions.path("permissions")).extracting(permission -> permission.path("user").asText())
                .containsExactly("admin");
    }

    @Test
    void theRecordIsTheApiUsersFileOrElseTheLastDefinitionsUsers() throws Exception {
        NodeFiles files = new NodeFiles(dir);
        assertThat(files.recordedApiUsers()).isEmpty();

        // a node started before api-users was kept: its last definitions name the API's users (not removed ones)
        Files.writeString(files.definitions, NodeFiles.definitionsJson(USERS, Set.of("gone-before")));
        assertThat(files.recordedApiUsers()).containsExactly("admin");

        files.recordApiUsers(new java.util.TreeSet<>(Set.of("admin", "b-user")));
        assertThat(files.recordedApiUsers()).containsExactly("admin", "b-user");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.apiUsers))).isEqualTo("rw-------");
        assertThat(NodeFiles.apiUserNames(USERS)).as("replication users are not put in the node").containsExactly("admin");
    }
}
