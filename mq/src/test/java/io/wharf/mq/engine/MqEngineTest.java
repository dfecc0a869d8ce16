package io.wharf.mq.engine;

import io.wharf.mq.engine.MqCommands.BrokerUpdate;
import io.wharf.mq.engine.MqCommands.NewBroker;
import io.wharf.mq.engine.MqCommands.NewUser;
import io.wharf.mq.engine.MqCommands.UserChange;
import io.wharf.mq.engine.MqViews.BrokerView;
import io.wharf.protocol.AwsException;
import io.wharf.storage.FsyncMode;
import io.wharf.storage.RocksStore;
import io.wharf.storage.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MqEngineTest {
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    Store store;
    FakeRuntime activemq = new FakeRuntime("ACTIVEMQ");
    MqEngine engine;

    @BeforeEach
    void open() {
        store = RocksStore.open(dir.resolve("store"), FsyncMode.ALWAYS);
        engine = newEngine();
    }

    private MqEngine newEngine() {
        return new MqEngine(store, CLOCK, List.of(activemq),
                new MqHosting(dir.resolve("mq"), "127.0.0.1", "localhost", null)).resume();
    }

    @AfterEach
    void close() {
        engine.close();
        store.close();
    }

    static NewBroker broker(String name, List<NewUser> users) {
        return new NewBroker(name, "ACTIVEMQ", null, "SINGLE_INSTANCE", "mq.t3.micro", false, null, null, null,
                List.of(), List.of(), null, null, null, null, null, null, null, null, false, users,
                Map.of("team", "shop"));
    }

    static NewUser user(String name) {
        return new NewUser(name, "correct-horse-battery", true, List.of("writers"), false);
    }

    BrokerView awaitState(String brokerId, String state) throws InterruptedException {
        for (int i = 0; i < 2_000; i++) {
            BrokerView view = engine.describeBroker(ACCOUNT, REGION, brokerId);
            if (view.state().equals(state)) {
                return view;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("broker " + brokerId + " never became " + state + ": "
                + engine.describeBroker(ACCOUNT, REGION, brokerId).state());
    }

    void awaitGone(String brokerId) throws InterruptedException {
        for (int i = 0; i < 2_000; i++) {
            try {
                engine.describeBroker(ACCOUNT, REGION, brokerId);
            } catch (AwsException gone) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("broker " + brokerId + " was never deleted");
    }

    @Test
    void aBrokerIsCreatedInProgressThenRunsWithItsUsersDefaultConfigurationAndEndpoints() throws Exception {
        activemq.gate = new CountDownLatch(1);
        BrokerView created = engine.createBroker(ACCOUNT, REGION, broker("orders", List.of(user("app"))));
        assertThat(created.id()).matches("b-[0-9a-f-]{36}");
        assertThat(created.arn()).isEqualTo("arn:aws:mq:us-east-1:000000000000:broker:orders:" + created.id());
        assertThat(created.state()).isEqualTo("CREATION_IN_PROGRESS");
        assertThat(created.created()).isEqualTo(CLOCK.instant());
        activemq.gate.countDown();

        BrokerView running = awaitState(created.id(), "RUNNING");
        assertThat(running.instances()).hasSize(1);
        assertThat(running.instances().get(0).endpoints().get(0)).startsWith("ssl://127.0.0.1:");
        assertThat(running.engineVersion()).isEqualTo("5.18");
        assertThat(running.configuration()).isNotNull();
        var spec = activemq.starts.get(0);
        assertThat(spec.bindHost()).isEqualTo("127.0.0.1");
        assertThat(spec.dataDirectory()).isEqualTo(dir.resolve("mq").resolve(created.id()));
        assertThat(spec.users()).singleElement().satisfies(u -> {
            assertThat(u.username()).isEqualTo("app");
            assertThat(u.password()).isEqualTo("correct-horse-battery");
            assertThat(u.toString()).doesNotContain("correct-horse-battery");
        });
        assertThat(spec.configurationXml()).contains("<broker");

        var configuration = engine.describeConfiguration(ACCOUNT, REGION, running.configuration().id());
        assertThat(configuration.name()).isEqualTo("orders-configuration");
        assertThat(configuration.latest().revision()).isEqualTo(1);
        assertThat(configuration.latest().description()).isEqualTo("Auto-generated default for orders on ActiveMQ 5.18");
    }

    @Test
    void userChangesArePendingUntilARebootAppliesThem() throws Exception {
        BrokerView broker = engine.createBroker(ACCOUNT, REGION, broker("orders", List.of(user("app"))));
        awaitState(broker.id(), "RUNNING");

        engine.createUser(ACCOUNT, REGION, broker.id(), user("reader"));
        engine.updateUser(ACCOUNT, REGION, broker.id(), "app", new UserChange(null, false, List.of("admins"), null));
        var created = engine.describeUser(ACCOUNT, REGION, broker.id(), "reader");
        assertThat(created.applied()).isFalse();
        assertThat(created.pendingChange()).isEqualTo("CREATE");
        var updated = engine.describeUser(ACCOUNT, REGION, broker.id(), "app");
        assertThat(updated.consoleAccess()).as("still the applied value").isTrue();
        assertThat(updated.groups()).containsExactly("writers");
        assertThat(updated.pendingChange()).isEqualTo("UPDATE");
        assertThat(updated.pendingGroups()).containsExactly("admins");
        assertThat(updated.pendingConsoleAccess()).isFalse();

        engine.rebootBroker(ACCOUNT, REGION, broker.id());
        awaitState(broker.id(), "RUNNING");
        var spec = activemq.starts.get(activemq.starts.size() - 1);
        assertThat(spec.users()).extracting(u -> u.username()).containsExactly("app", "reader");
        assertThat(spec.users().get(0).groups()).containsExactly("admins");
        assertThat(engine.describeUser(ACCOUNT, REGION, broker.id(), "reader").pendingChange()).isNull();
        assertThat(activemq.closed).contains(broker.id());

        engine.deleteUser(ACCOUNT, REGION, broker.id(), "reader");
        assertThat(engine.describeUser(ACCOUNT, REGION, broker.id(), "reader").pendingChange()).isEqualTo("DELETE");
        engine.rebootBroker(ACCOUNT, REGION, broker.id());
        awaitState(broker.id(), "RUNNING");
        assertThat(engine.listUsers(ACCOUNT, REGION, broker.id(), null, null).items())
                .extracting(MqViews.UserView::username).containsExactly("app");
    }

    @Test
    void configurationRevisionsAreNumberedFromOneAndCheckedByTheRuntime() {
        var configuration = engine.createConfiguration(ACCOUNT, REGION, "shop", "ACTIVEMQ", null, null, Map.of());
        assertThat(configuration.id()).matches("c-[0-9a-f-]{36}");
        assertThat(configuration.latest().revision()).isEqualTo(1);
        String data = Base64.getEncoder().encodeToString("<broker xmlns=\"x\"/>".getBytes(StandardCharsets.UTF_8));
        var second = engine.updateConfiguration(ACCOUNT, REGION, configuration.id(), data, "second").configuration();
        assertThat(second.latest().revision()).isEqualTo(2);
        assertThat(engine.describeConfigurationRevision(ACCOUNT, REGION, configuration.id(), "2").data())
                .isEqualTo(data);
        assertThat(engine.listConfigurationRevisions(ACCOUNT, REGION, configuration.id(), null, null).items())
                .extracting(MqViews.RevisionView::revision).containsExactly(1, 2);

        AwsException rejected = catchThrowableOfType(AwsException.class, () -> engine.updateConfiguration(ACCOUNT,
                REGION, configuration.id(), Base64.getEncoder().encodeToString("nope".getBytes()), null));
        assertThat(rejected.type()).isEqualTo("BadRequestException");
        assertThat(rejected.getMessage()).isEqualTo("The configuration has no <broker> element.");
        AwsException missing = catchThrowableOfType(AwsException.class,
                () -> engine.describeConfigurationRevision(ACCOUNT, REGION, configuration.id(), "3"));
        assertThat(missing.httpStatus()).isEqualTo(404);
    }

    @Test
    void aPendingConfigurationAppliesOnRebootAndReachesTheRuntime() throws Exception {
        BrokerView broker = engine.createBroker(ACCOUNT, REGION, broker("orders", List.of(user("app"))));
        awaitState(broker.id(), "RUNNING");
        var configuration = engine.createConfiguration(ACCOUNT, REGION, "shop", "ACTIVEMQ", null, null, Map.of());
        String xml = "<broker xmlns=\"http://activemq.apache.org/schema/core\"><!-- mine --></broker>";
        engine.updateConfiguration(ACCOUNT, REGION, configuration.id(),
                Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8)), null);
        engine.updateBroker(ACCOUNT, REGION, broker.id(), new BrokerUpdate(null, null, configuration.id(), 2, null,
                null, null, null, null, null, null, false));
        assertThat(engine.describeBroker(ACCOUNT, REGION, broker.id()).pendingConfiguration().id())
                .isEqualTo(configuration.id());
        engine.rebootBroker(ACCOUNT, REGION, broker.id());
        BrokerView rebooted = awaitState(broker.id(), "RUNNING");
        assertThat(rebooted.configuration().id()).isEqualTo(configuration.id());
        assertThat(rebooted.configurationHistory()).hasSize(1);
        assertThat(activemq.starts.get(activemq.starts.size() - 1).configurationXml()).isEqualTo(xml);
        AwsException inUse = catchThrowableOfType(AwsException.class,
                () -> engine.deleteConfiguration(ACCOUNT, REGION, configuration.id()));
        assertThat(inUse.type()).isEqualTo("ConflictException");
    }

    @Test
    void aFailedStartIsCreationFailedAndDeletionRemovesTheBrokerAndItsData() throws Exception {
        activemq.failWith = "port 61617 is taken";
        BrokerView broker = engine.createBroker(ACCOUNT, REGION, broker("orders", List.of(user("app"))));
        BrokerView failed = awaitState(broker.id(), "CREATION_FAILED");
        assertThat(failed.actionRequiredInfo()).contains("port 61617 is taken");
        Files.createDirectories(dir.resolve("mq").resolve(broker.id()).resolve("kahadb"));
        engine.deleteBroker(ACCOUNT, REGION, broker.id());
        awaitGone(broker.id());
        assertThat(dir.resolve("mq").resolve(broker.id())).doesNotExist();
        AwsException missing = catchThrowableOfType(AwsException.class,
                () -> engine.describeBroker(ACCOUNT, REGION, broker.id()));
        assertThat(missing.getMessage()).isEqualTo("Can't find requested broker [" + broker.id()
                + "]. Make sure your broker exists.");
    }

    @Test
    void anUnavailableRuntimeOrNoneAnswersBadRequestWithTheReason() {
        activemq.unavailable = "ActiveMQ is switched off here";
        AwsException refused = catchThrowableOfType(AwsException.class,
                () -> engine.createBroker(ACCOUNT, REGION, broker("orders", List.of(user("app")))));
        assertThat(refused.type()).isEqualTo("BadRequestException");
        assertThat(refused.getMessage()).isEqualTo("ActiveMQ is switched off here");
        NewBroker rabbit = new NewBroker("rabbit", "RABBITMQ", null, "SINGLE_INSTANCE", "mq.t3.micro", false, null,
                null, null, List.of(), List.of(), null, null, null, null, null, null, null, null, false,
                List.of(user("app")), Map.of());
        assertThat(catchThrowableOfType(AwsException.class, () -> engine.createBroker(ACCOUNT, REGION, rabbit))
                .getMessage()).contains("no RABBITMQ runtime");
        assertThat(engine.listBrokers(ACCOUNT, REGION, null, null).items()).isEmpty();
    }

    @Test
    void validationUsesAwsWording() {
        AwsException shortPassword = catchThrowableOfType(AwsException.class, () -> engine.createBroker(ACCOUNT,
                REGION, broker("orders", List.of(new NewUser("app", "short", false, List.of(), false)))));
        assertThat(shortPassword.getMessage()).isEqualTo("Password is invalid. Enter a password 12 to 250 characters long.");
        AwsException colon = catchThrowableOfType(AwsException.class, () -> engine.createBroker(ACCOUNT, REGION,
                broker("orders", List.of(new NewUser("app", "abcd:efghijklmn", false, List.of(), false)))));
        assertThat(colon.getMessage()).contains("[, :=]");
        AwsException fewUnique = catchThrowableOfType(AwsException.class, () -> engine.createBroker(ACCOUNT, REGION,
                broker("orders", List.of(new NewUser("app", "abcabcabcabcabc", false, List.of(), false)))));
        assertThat(fewUnique.getMessage()).contains("at least 4 unique");
        AwsException badName = catchThrowableOfType(AwsException.class,
                () -> engine.createBroker(ACCOUNT, REGION, broker("has space", List.of(user("app")))));
        assertThat(badName.type()).isEqualTo("BadRequestException");
        NewBroker big = new NewBroker("big", "ACTIVEMQ", null, "SINGLE_INSTANCE", "mq.x99.huge", false, null, null,
                null, List.of(), List.of(), null, null, null, null, null, null, null, null, false,
                List.of(user("app")), Map.of());
        assertThat(catchThrowableOfType(AwsException.class, () -> engine.createBroker(ACCOUNT, REGION, big))
                .getMessage()).startsWith("Broker host instance type [mq.x99.huge] is invalid.");
        engine.createBroker(ACCOUNT, REGION, broker("orders", List.of(user("app"))));
        assertThat(catchThrowableOfType(AwsException.class,
                () -> engine.createBroker(ACCOUNT, REGION, broker("orders", List.of(user("app"))))).type())
                .isEqualTo("ConflictException");
    }

    @Test
    void everythingSurvivesARestartAndRunningBrokersStartAgainOnTheirPorts() throws Exception {
        BrokerView broker = engine.createBroker(ACCOUNT, REGION, broker("orders", List.of(user("app"))));
        int port = Integer.parseInt(awaitState(broker.id(), "RUNNING").instances().get(0).endpoints().get(0)
                .replaceAll(".*:", ""));
        engine.createUser(ACCOUNT, REGION, broker.id(), user("reader"));
        var configuration = engine.createConfiguration(ACCOUNT, REGION, "shop", "ACTIVEMQ", null, null,
                Map.of("env", "test"));
        engine.createTags(ACCOUNT, REGION, broker.arn(), Map.of("cost", "1"));

        engine.close();
        store.close();
        store = RocksStore.open(dir.resolve("store"), FsyncMode.ALWAYS);
        engine = newEngine();

        BrokerView again = awaitState(broker.id(), "RUNNING");
        assertThat(again.tags()).containsEntry("team", "shop").containsEntry("cost", "1");
        assertThat(activemq.starts.get(activemq.starts.size() - 1).ports()).containsEntry("openwire", port);
        assertThat(again.instances().get(0).endpoints().get(0)).endsWith(":" + port);
        assertThat(engine.describeUser(ACCOUNT, REGION, broker.id(), "reader").pendingChange()).isEqualTo("CREATE");
        assertThat(activemq.starts.get(activemq.starts.size() - 1).users()).extracting(u -> u.password())
                .containsExactly("correct-horse-battery");
        assertThat(engine.describeConfiguration(ACCOUNT, REGION, configuration.id()).tags())
                .containsEntry("env", "test");
        assertThat(engine.listConfigurations(ACCOUNT, REGION, null, null).items()).hasSize(2);
    }

    @Test
    void promoteIsForReplicasOnly() throws Exception {
        BrokerView broker = engine.createBroker(ACCOUNT, REGION, broker("orders", List.of(user("app"))));
        AwsException refused = catchThrowableOfType(AwsException.class,
                () -> engine.promote(ACCOUNT, REGION, broker.id()));
        assertThat(refused.type()).isEqualTo("BadRequestException");
        assertThat(catchThrowableOfType(AwsException.class, () -> engine.promote(ACCOUNT, REGION, "b-nope"))
                .httpStatus()).isEqualTo(404);
    }

    @Test
    void listingsComeInPages() {
        for (int i = 0; i < 5; i++) {
            engine.createConfiguration(ACCOUNT, REGION, "c" + i, "ACTIVEMQ", null, null, Map.of());
        }
        var first = engine.listConfigurations(ACCOUNT, REGION, 2, null);
        assertThat(first.items()).hasSize(2);
        var second = engine.listConfigurations(ACCOUNT, REGION, 2, first.nextToken());
        var third = engine.listConfigurations(ACCOUNT, REGION, 2, second.nextToken());
        assertThat(third.items()).hasSize(1);
        assertThat(third.nextToken()).isNull();
        assertThat(catchThrowableOfType(AwsException.class,
                () -> engine.listConfigurations(ACCOUNT, REGION, 2, "garbage!")).type())
                .isEqualTo("BadRequestException");
        assertThat(engine.listConfigurations("111111111111", REGION, null, null).items()).isEmpty();
    }
}
