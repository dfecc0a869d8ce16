package io.wharf.it.mq;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.mq.model.AuthenticationStrategy;
import software.amazon.awssdk.services.mq.model.BadRequestException;
import software.amazon.awssdk.services.mq.model.BrokerEngineType;
import software.amazon.awssdk.services.mq.model.BrokerInstanceOption;
import software.amazon.awssdk.services.mq.model.Configuration;
import software.amazon.awssdk.services.mq.model.CreateConfigurationResponse;
import software.amazon.awssdk.services.mq.model.EngineType;
import software.amazon.awssdk.services.mq.model.EngineVersion;
import software.amazon.awssdk.services.mq.model.MqException;
import software.amazon.awssdk.services.mq.model.NotFoundException;
import software.amazon.awssdk.services.mq.model.ConfigurationRevision;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MQ API that needs no running broker, through the SDK: the catalogue (engine types, instance options),
 * configurations with their base64 revisions and tags, and the errors of every broker and user action asked about a
 * broker that does not exist.
 */
class MqConfigurationsIT extends MqTestBase {
    private static final String XML = "<broker xmlns=\"http://activemq.apache.org/schema/core\">"
            + "<plugins><statisticsBrokerPlugin/></plugins></broker>";

    @Test
    void theCatalogueNamesTheEnginesVersionsAndInstanceOptionsWharfRuns() {
        var types = mq.describeBrokerEngineTypes(r -> { }).brokerEngineTypes();
        assertThat(types).extracting(BrokerEngineType::engineType).containsExactly(EngineType.ACTIVEMQ,
                EngineType.RABBITMQ);
        assertThat(types.get(0).engineVersions()).extracting(EngineVersion::name).containsExactly("5.18");
        assertThat(mq.describeBrokerEngineTypes(r -> r.engineType("RABBITMQ")).brokerEngineTypes())
                .singleElement().satisfies(t -> assertThat(t.engineVersions()).extracting(EngineVersion::name)
                        .containsExactly("3.13"));

        var options = mq.describeBrokerInstanceOptions(r -> r.engineType("ACTIVEMQ").hostInstanceType("mq.m5.large"))
                .brokerInstanceOptions();
        assertThat(options).isNotEmpty().allSatisfy(o -> {
            assertThat(o.engineType()).isEqualTo(EngineType.ACTIVEMQ);
            assertThat(o.hostInstanceType()).isEqualTo("mq.m5.large");
            assertThat(o.availabilityZones()).isNotEmpty();
        });
        assertThat(options).extracting(BrokerInstanceOption::supportedDeploymentModesAsStrings)
                .anySatisfy(modes -> assertThat(modes).contains("ACTIVE_STANDBY_MULTI_AZ"));
        var page = mq.describeBrokerInstanceOptions(r -> r.maxResults(5));
        assertThat(page.brokerInstanceOptions()).hasSize(5);
        assertThat(page.nextToken()).isNotNull();
        var next = mq.describeBrokerInstanceOptions(r -> r.maxResults(5).nextToken(page.nextToken()));
        assertThat(next.brokerInstanceOptions()).doesNotContainAnyElementsOf(page.brokerInstanceOptions());
    }

    @Test
    void aConfigurationGetsRevisionsOfBase64DataAndTags() {
        String name = unique("shop");
        Instant before = Instant.now().minus(Duration.ofMinutes(1));
        CreateConfigurationResponse created = mq.createConfiguration(r -> r.name(name).engineType(EngineType.ACTIVEMQ)
                .engineVersion("5.18").tags(Map.of("team", "shop")));
        assertThat(created.id()).matches("c-[0-9a-f-]{36}");
        assertThat(created.arn()).isEqualTo("arn:aws:mq:" + REGION + ":" + ACCOUNT + ":configuration:" + created.id());
        assertThat(created.authenticationStrategy()).isEqualTo(AuthenticationStrategy.SIMPLE);
        assertThat(created.latestRevision().revision()).isEqualTo(1);
        assertThat(created.created()).isAfter(before);

        String data = Base64.getEncoder().encodeToString(XML.getBytes(StandardCharsets.UTF_8));
        var updated = mq.updateConfiguration(r -> r.configurationId(created.id()).data(data).description("stats"));
        assertThat(updated.latestRevision().revision()).isEqualTo(2);
        assertThat(updated.latestRevision().description()).isEqualTo("stats");

        var described = mq.describeConfiguration(r -> r.configurationId(created.id()));
        assertThat(described.name()).isEqualTo(name);
        assertThat(described.engineType()).isEqualTo(EngineType.ACTIVEMQ);
        assertThat(described.engineVersion()).isEqualTo("5.18");
        assertThat(described.latestRevision().revision()).isEqualTo(2);
        assertThat(described.tags()).containsEntry("team", "shop");

        var revision = mq.describeConfigurationRevision(r -> r.configurationId(created.id()).configurationRevision("2"));
        assertThat(revision.data()).isEqualTo(data);
        assertThat(revision.configurationId()).isEqualTo(created.id());
        var first = mq.describeConfigurationRevision(r -> r.configurationId(created.id()).configurationRevision("1"));
        assertThat(new String(Base64.getDecoder().decode(first.data()), StandardCharsets.UTF_8)).contains("<broker");
        assertThat(mq.listConfigurationRevisions(r -> r.configurationId(created.id())).revisions())
                .extracting(ConfigurationRevision::revision).containsExactly(1, 2);
        assertThat(mq.listConfigurations(r -> { }).configurations()).extracting(Configuration::id)
                .contains(created.id());

        mq.createTags(r -> r.resourceArn(created.arn()).tags(Map.of("env", "test")));
        assertThat(mq.listTags(r -> r.resourceArn(created.arn())).tags()).containsOnlyKeys("team", "env");
        mq.deleteTags(r -> r.resourceArn(created.arn()).tagKeys("team"));
        assertThat(mq.listTags(r -> r.resourceArn(created.arn())).tags()).containsOnlyKeys("env");

        assertThat(mq.deleteConfiguration(r -> r.configurationId(created.id())).configurationId())
                .isEqualTo(created.id());
        NotFoundException gone = (NotFoundException) error(() -> mq.describeConfiguration(r -> r.configurationId(
                created.id())));
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.errorAttribute()).isEqualTo("configuration-id");
        assertThat(gone.getMessage()).startsWith("Can't find requested configuration [" + created.id() + "].");
    }

    @Test
    void badConfigurationsAreRefusedWithBadRequest() {
        MqException badName = error(() -> mq.createConfiguration(r -> r.name("has spaces").engineType("ACTIVEMQ")));
        assertThat(badName).isInstanceOf(BadRequestException.class);
        assertThat(((BadRequestException) badName).errorAttribute()).isEqualTo("name");
        MqException badVersion = error(() -> mq.createConfiguration(r -> r.name(unique("v")).engineType("ACTIVEMQ")
                .engineVersion("4.0")));
        assertThat(badVersion.getMessage()).startsWith("Broker engine version [4.0] is invalid.");
        MqException badEngine = error(() -> mq.createConfiguration(r -> r.name(unique("e")).engineType("KAFKA")));
        assertThat(badEngine.statusCode()).isEqualTo(400);
        assertThat(badEngine.awsErrorDetails().errorCode()).isEqualTo("BadRequestException");
        String id = mq.createConfiguration(r -> r.name(unique("d")).engineType(EngineType.ACTIVEMQ)).id();
        MqException notBase64 = error(() -> mq.updateConfiguration(r -> r.configurationId(id).data("***not base64***")));
        assertThat(((BadRequestException) notBase64).errorAttribute()).isEqualTo("data");
        MqException noRevision = error(() -> mq.describeConfigurationRevision(r -> r.configurationId(id)
                .configurationRevision("7")));
        assertThat(noRevision.statusCode()).isEqualTo(404);
        MqException wordRevision = error(() -> mq.describeConfigurationRevision(r -> r.configurationId(id)
                .configurationRevision("latest")));
        assertThat(wordRevision.statusCode()).isEqualTo(400);
    }

    @Test
    void everyBrokerActionOnAnUnknownBrokerIsNotFound() {
        String id = "b-00000000-0000-0000-0000-000000000000";
        String message = "Can't find requested broker [" + id + "]. Make sure your broker exists.";
        for (Runnable call : new Runnable[] {
                () -> mq.describeBroker(r -> r.brokerId(id)),
                () -> mq.deleteBroker(r -> r.brokerId(id)),
                () -> mq.rebootBroker(r -> r.brokerId(id)),
                () -> mq.updateBroker(r -> r.brokerId(id).autoMinorVersionUpgrade(true)),
                () -> mq.promote(r -> r.brokerId(id).mode("SWITCHOVER")),
                () -> mq.listUsers(r -> r.brokerId(id)),
                () -> mq.describeUser(r -> r.brokerId(id).username("app")),
                () -> mq.createUser(r -> r.brokerId(id).username("app").password(PASSWORD)),
                () -> mq.updateUser(r -> r.brokerId(id).username("app").consoleAccess(true)),
                () -> mq.deleteUser(r -> r.brokerId(id).username("app"))}) {
            MqException e = error(call);
            assertThat(e).isInstanceOf(NotFoundException.class);
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(((NotFoundException) e).errorAttribute()).isEqualTo("broker-id");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        }
        MqException tags = error(() -> mq.listTags(r -> r.resourceArn("arn:aws:mq:us-east-1:000000000000:broker:x:"
                + id)));
        assertThat(tags.statusCode()).isEqualTo(404);
        assertThat(mq.listBrokers(r -> r.maxResults(10)).brokerSummaries()).isNotNull();
    }

    @Test
    void createBrokerChecksItsInputWithAwsWording() {
        MqException shortPassword = error(() -> mq.createBroker(r -> r.brokerName(unique("b")).engineType("ACTIVEMQ")
                .hostInstanceType("mq.t3.micro").deploymentMode("SINGLE_INSTANCE").publiclyAccessible(false)
                .users(u -> u.username("app").password("short"))));
        assertThat(shortPassword.awsErrorDetails().errorMessage())
                .isEqualTo("Password is invalid. Enter a password 12 to 250 characters long.");
        assertThat(((BadRequestException) shortPassword).errorAttribute()).isEqualTo("password");
        MqException badChars = error(() -> mq.createBroker(r -> r.brokerName(unique("b")).engineType("ACTIVEMQ")
                .hostInstanceType("mq.t3.micro").deploymentMode("SINGLE_INSTANCE").publiclyAccessible(false)
                .users(u -> u.username("app").password("has=equals-sign"))));
        assertThat(badChars.getMessage()).contains("[, :=]");
        MqException badType = error(() -> mq.createBroker(r -> r.brokerName(unique("b")).engineType("ACTIVEMQ")
                .hostInstanceType("mq.t1.nano").deploymentMode("SINGLE_INSTANCE").publiclyAccessible(false)
                .users(u -> u.username("app").password(PASSWORD))));
        assertThat(badType.getMessage()).startsWith("Broker host instance type [mq.t1.nano] is invalid.");
        MqException badName = error(() -> mq.createBroker(r -> r.brokerName("no spaces allowed")
                .engineType("ACTIVEMQ").hostInstanceType("mq.t3.micro").deploymentMode("SINGLE_INSTANCE")
                .publiclyAccessible(false).users(u -> u.username("app").password(PASSWORD))));
        assertThat(((BadRequestException) badName).errorAttribute()).isEqualTo("brokerName");
        MqException noUsers = error(() -> mq.createBroker(r -> r.brokerName(unique("b")).engineType("ACTIVEMQ")
                .hostInstanceType("mq.t3.micro").deploymentMode("SINGLE_INSTANCE").publiclyAccessible(false)));
        assertThat(noUsers.statusCode()).isEqualTo(400);
        MqException cluster = error(() -> mq.createBroker(r -> r.brokerName(unique("b")).engineType("ACTIVEMQ")
                .hostInstanceType("mq.m5.large").deploymentMode("CLUSTER_MULTI_AZ").publiclyAccessible(false)
                .users(u -> u.username("app").password(PASSWORD))));
        assertThat(((BadRequestException) cluster).errorAttribute()).isEqualTo("deploymentMode");
        MqException missing = error(() -> mq.createBroker(r -> r.brokerName(unique("b"))));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("BadRequestException");
    }
}
