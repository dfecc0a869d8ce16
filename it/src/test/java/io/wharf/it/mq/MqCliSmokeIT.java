package io.wharf.it.mq;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.it.cli.CliProcess;
import io.wharf.it.cli.CliProcess.Run;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.wharf.it.cli.CliProcess.available;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AWS CLI v1's {@code aws mq} commands against Wharf where the CLI is installed (skipped cleanly where not):
 * botocore's own REST-JSON serializer and parser, independent of the Java SDK's — engine types, instance options,
 * configurations with a revision, tags, and an error as the CLI prints it.
 */
class MqCliSmokeIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private static Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", WHARF.endpoint().toString(),
                "--output", "json", "mq"));
        command.addAll(List.of(args));
        return CliProcess.run(WHARF.endpoint(), command);
    }

    private static JsonNode ok(Run run) throws Exception {
        assertThat(run.exit()).as(run.out()).isZero();
        return run.out().isBlank() ? null : run.json();
    }

    @Test
    void awsCliMq() throws Exception {
        assumeTrue(available("aws", "--version"), "AWS CLI not installed");
        JsonNode types = ok(run("describe-broker-engine-types"));
        assertThat(types.path("BrokerEngineTypes").path(0).path("EngineType").asText()).isEqualTo("ACTIVEMQ");
        assertThat(types.path("BrokerEngineTypes").path(0).path("EngineVersions").path(0).path("Name").asText())
                .isEqualTo("5.18");
        JsonNode options = ok(run("describe-broker-instance-options", "--engine-type", "RABBITMQ"));
        assertThat(options.path("BrokerInstanceOptions")).isNotEmpty();
        assertThat(options.path("BrokerInstanceOptions").path(0).path("EngineType").asText()).isEqualTo("RABBITMQ");

        String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = ok(run("create-configuration", "--name", name, "--engine-type", "ACTIVEMQ",
                "--engine-version", "5.18", "--tags", "team=cli"));
        String id = created.path("Id").asText();
        assertThat(id).startsWith("c-");
        assertThat(created.path("LatestRevision").path("Revision").asInt()).isEqualTo(1);
        assertThat(created.path("Created").asText()).as("an ISO 8601 timestamp, parsed by botocore")
                .matches("\\d{4}-\\d{2}-\\d{2}T.*");

        String data = Base64.getEncoder().encodeToString("<broker xmlns=\"http://activemq.apache.org/schema/core\"/>"
                .getBytes(StandardCharsets.UTF_8));
        JsonNode updated = ok(run("update-configuration", "--configuration-id", id, "--data", data,
                "--description", "from the cli"));
        assertThat(updated.path("LatestRevision").path("Revision").asInt()).isEqualTo(2);
        JsonNode revision = ok(run("describe-configuration-revision", "--configuration-id", id,
                "--configuration-revision", "2"));
        assertThat(revision.path("Data").asText()).isEqualTo(data);
        JsonNode listed = ok(run("list-configurations"));
        assertThat(listed.path("Configurations").findValuesAsText("Id")).contains(id);
        String arn = created.path("Arn").asText();
        ok(run("create-tags", "--resource-arn", arn, "--tags", "env=test"));
        JsonNode tags = ok(run("list-tags", "--resource-arn", arn));
        assertThat(tags.path("Tags").path("team").asText()).isEqualTo("cli");
        assertThat(tags.path("Tags").path("env").asText()).isEqualTo("test");
        ok(run("delete-tags", "--resource-arn", arn, "--tag-keys", "env"));
        assertThat(ok(run("list-tags", "--resource-arn", arn)).path("Tags").has("env")).isFalse();
        assertThat(ok(run("list-brokers")).path("BrokerSummaries").isArray()).isTrue();

        Run missing = run("describe-broker", "--broker-id", "b-00000000-0000-0000-0000-000000000000");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.out()).contains("(NotFoundException)")
                .contains("Can't find requested broker [b-00000000-0000-0000-0000-000000000000].");
        ok(run("delete-configuration", "--configuration-id", id));
    }
}
