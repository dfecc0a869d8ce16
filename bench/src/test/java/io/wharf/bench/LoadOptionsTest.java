package io.wharf.bench;

import io.wharf.bench.kinesis.KinesisWire;
import io.wharf.bench.scenario.ScenarioSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Kinesis options as the command line gives them, through picocli as {@code run} parses them. */
class LoadOptionsTest {

    private static LoadOptions parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run.load;
    }

    @Test
    void theBrokerOptionsReachMqJms() {
        ScenarioSettings settings = parse("mq-jms", "--broker-url", "tcp://127.0.0.1:61616", "--broker-user", "app",
                "--broker-password", "app-password-12").settings(URI.create("http://127.0.0.1:1"), "t", 0);

        assertThat(settings.broker().url()).isEqualTo(URI.create("tcp://127.0.0.1:61616"));
        assertThat(settings.broker().username()).isEqualTo("app");
        assertThat(settings.broker().password()).isEqualTo("app-password-12");
        assertThat(parse("sqs-send").settings(URI.create("http://127.0.0.1:1"), "t", 0).broker())
                .isEqualTo(io.wharf.bench.mq.BrokerSettings.NONE);
        assertThatThrownBy(() -> parse("mq-jms", "--broker-url", "amqp://127.0.0.1:5672", "--broker-user", "app",
                "--broker-password", "p").settings(URI.create("http://127.0.0.1:1"), "t", 0))
                .hasMessageContaining("OpenWire");
    }

    @Test
    void kinesisDefaults() {
        ScenarioSettings settings = parse("kinesis-put").settings(URI.create("http://127.0.0.1:1"), "t", 0);

        assertThat(settings.kinesis().shards()).isEqualTo(4);
        assertThat(settings.kinesis().recordsPerPut()).isEqualTo(100);
        assertThat(settings.kinesis().backlogRecords()).isEqualTo(2000);
        assertThat(settings.kinesis().pollIdleMillis()).isEqualTo(10);
        assertThat(settings.kinesis().kclPollIdleMillis()).as("KCL's own default").isEqualTo(1500);
        assertThat(settings.kinesis().wire()).isEqualTo(KinesisWire.JSON);
        assertThat(settings.bodyBytes()).isEqualTo(1024);
    }

    @Test
    void kinesisOptionsReachTheSettings() {
        LoadOptions load = parse("kinesis-roundtrip", "--shards", "8", "--records-per-put", "500", "--kinesis-backlog",
                "5000", "--poll-idle-ms", "0", "--kinesis-wire", "cbor", "--body-bytes", "4096", "--kcl-poll-idle-ms", "200");

        ScenarioSettings settings = load.settings(URI.create("http://127.0.0.1:1"), "t", 0);

        assertThat(settings.kinesis().shards()).isEqualTo(8);
        assertThat(settings.kinesis().recordsPerPut()).isEqualTo(500);
        assertThat(settings.kinesis().backlogRecords()).isEqualTo(5000);
        assertThat(settings.kinesis().pollIdleMillis()).isZero();
        assertThat(settings.kinesis().kclPollIdleMillis()).isEqualTo(200);
        assertThat(settings.kinesis().wire()).isEqualTo(KinesisWire.CBOR);
        assertThat(settings.bodyBytes()).isEqualTo(4096);
    }

    @Test
    void badKinesisOptionsAreRefusedBeforeAnyLoad() {
        assertThatThrownBy(() -> parse("kinesis-put", "--kinesis-wire", "xml").kinesis()).hasMessageContaining("json or cbor");
        assertThatThrownBy(() -> parse("kinesis-put", "--shards", "100").kinesis()).hasMessageContaining("--shards");
        assertThatThrownBy(() -> parse("kcl-polling", "--kcl-poll-idle-ms", "100").kinesis())
                .hasMessageContaining("--kcl-poll-idle-ms").hasMessageContaining("KCL's minimum is 200");
    }

    @Test
    void bigSqsBodiesAreNotLimitedByKinesisPuts() {
        // 256 KiB bodies are fine for SQS even though 100 of them would not fit one PutRecords
        ScenarioSettings settings = parse("sqs-send", "--body-bytes", "262144").settings(URI.create("http://127.0.0.1:1"), "t", 0);

        assertThat(settings.bodyBytes()).isEqualTo(262144);
        assertThatThrownBy(() -> settings.kinesis().checkPutSize(settings.bodyBytes())).hasMessageContaining("5 MiB");
    }
}
