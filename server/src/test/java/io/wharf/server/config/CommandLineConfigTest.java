package io.wharf.server.config;

import io.wharf.storage.FsyncMode;
import io.wharf.storage.RocksTuning;

import io.wharf.server.config.CommandLineConfig.Outcome;
import io.wharf.server.http.ConnectionLimits;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import io.wharf.protocol.auth.AuthMode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineConfigTest {

    private static WharfConfig run(Map<String, String> env, String... args) {
        Outcome outcome = CommandLineConfig.parse(args, env);
        assertThat(outcome).isInstanceOf(Outcome.Run.class);
        return ((Outcome.Run) outcome).config();
    }

    private static Outcome.Exit exit(Map<String, String> env, String... args) {
        Outcome outcome = CommandLineConfig.parse(args, env);
        assertThat(outcome).isInstanceOf(Outcome.Exit.class);
        return (Outcome.Exit) outcome;
    }

    @Test
    void defaults() {
        WharfConfig config = run(Map.of());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(4566);
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.inMemory()).isFalse();
        assertThat(config.accountId()).isEqualTo("000000000000");
        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.hostname()).isNull();
        assertThat(config.relaxed()).isFalse();
        assertThat(config.maxRequestBytes()).isEqualTo(WharfConfig.DEFAULT_MAX_REQUEST_BYTES);
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(25));
        assertThat(config.fsync()).isEqualTo(FsyncMode.ALWAYS);
        assertThat(config.kinesisEnforceLimits()).isFalse();
        assertThat(config.kinesis().enforceLimits()).isFalse();
        assertThat(config.masterKeyFile()).isNull();
        assertThat(config.effectiveMasterKeyFile()).isEqualTo(Path.of("./data/master-key"));
        assertThat(config).isEqualTo(WharfConfig.builder().build());
    }

    @Test
    void everyFlag() {
        WharfConfig config = run(Map.of(), "--host", "0.0.0.0", "--port=0", "--data-dir", "/tmp/w", "--in-memory",
                "--account-id", "123456789012", "--region", "eu-west-2", "--hostname", "wharf.local",
                "--relaxed", "--max-request-bytes", "1048576", "--shutdown-timeout", "3", "--fsync", "never",
                "--smtp-host", "mail.local", "--smtp-port", "2525", "--tls-port", "4567", "--tls-cert", "/etc/w.crt",
                "--tls-key", "/etc/w.key", "--kinesis-transition-ms", "0", "--kinesis-shard-limit", "20",
                "--kinesis-enforce-limits", "--delivery-allow", "10.0.0.0/8,hooks.internal", "--delivery-allow=fd00::/8",
                "--delivery-deny", "*.example.com", "--auth", "verify", "--root-access-key-id", "AKIAROOT",
                "--root-secret-access-key", "root-secret-1", "--account", "111111111111:AKIAONE:secret-one:x",
                "--account=222222222222:AKIATWO:secret-two", "--audit-log", "/var/log/wharf-audit.log",
                "--master-key-file", "/etc/wharf/master-key",
                "--public-url", "https://wharf.example.com/", "--repair",
                "--idle-timeout", "5", "--header-timeout", "3", "--body-timeout", "4", "--max-connections", "100",
                "--max-inflight-bytes", "2097152", "--http2-max-streams", "7", "--firehose-transition-ms", "0",
                "--log-requests", "--log-level", "DEBUG", "--log-format", "json", "--store-wal-mib", "32",
                "--store-memtable-mib", "128");
        assertThat(config).isEqualTo(new WharfConfig("0.0.0.0", 0, Path.of("/tmp/w"), true, "123456789012",
                "eu-west-2", "wharf.local", true, 1048576, Duration.ofSeconds(3), FsyncMode.NEVER, "mail.local",
                2525, 4567, Path.of("/etc/w.crt"), Path.of("/etc/w.key"), 0, 20, true, AuthMode.VERIFY,
                new AccountKey("123456789012", "AKIAROOT", "root-secret-1"),
                List.of(new AccountKey("111111111111", "AKIAONE", "secret-one:x"),
                        new AccountKey("222222222222", "AKIATWO", "secret-two")), "/var/log/wharf-audit.log",
                List.of("10.0.0.0/8", "hooks.internal", "fd00::/8"), List.of("*.example.com"),
                Path.of("/etc/wharf/master-key"), "https://wharf.example.com", true,
                new ConnectionLimits(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(4), 100,
                        2097152, 7), new FirehoseOptions(0, java.util.Map.of(), null),
                new LoggingOptions(true, LoggingOptions.Level.DEBUG, LoggingOptions.Format.JSON), null, 0,
                new RocksTuning(32L << 20, 128L << 20)));
        assertThat(config.toString()).doesNotContain("root-secret-1").doesNotContain("secret-one");
        assertThat(config.kinesis().enforceLimits()).isTrue();
    }

    @Test
    void everyEnvironmentVariable() {
        Map<String, String> env = Map.ofEntries(Map.entry("WHARF_HOST", "0.0.0.0"), Map.entry("WHARF_PORT", "5000"),
                Map.entry("WHARF_DATA_DIR", "/srv/wharf"), Map.entry("WHARF_IN_MEMORY", "true"),
                Map.entry("WHARF_ACCOUNT_ID", "111122223333"), Map.entry("WHARF_REGION", "ap-southeast-2"),
                Map.entry("WHARF_HOSTNAME", "q.example:80"), Map.entry("WHARF_RELAXED", "1"),
                Map.entry("WHARF_MAX_REQUEST_BYTES", "100000"), Map.entry("WHARF_SHUTDOWN_TIMEOUT", "0"),
                Map.entry("WHARF_FSYNC", "NEVER"), Map.entry("WHARF_SMTP_HOST", "127.0.0.1"),
                Map.entry("WHARF_SMTP_PORT", "1025"), Map.entry("WHARF_TLS_PORT", "0"),
                Map.entry("WHARF_KINESIS_TRANSITION_MS", "100"), Map.entry("WHARF_KINESIS_SHARD_LIMIT", "7"),
                Map.entry("WHARF_KINESIS_ENFORCE_LIMITS", "on"),
                Map.entry("WHARF_DELIVERY_ALLOW", "169.254.169.254, *.hooks.test,"),
                Map.entry("WHARF_DELIVERY_DENY", "192.168.0.0/16"), Map.entry("WHARF_AUTH", "ENFORCE"),
                Map.entry("WHARF_ROOT_ACCESS_KEY_ID", "AKIAROOT"), Map.entry("WHARF_ROOT_SECRET_ACCESS_KEY", "root-secret-1"),
                Map.entry("WHARF_ACCOUNTS", "111111111111:AKIAONE:secret-one, 222222222222:AKIATWO:secret-two"),
                Map.entry("WHARF_AUDIT_LOG", "stdout"), Map.entry("WHARF_MASTER_KEY_FILE", "/srv/keys/master"),
                Map.entry("WHARF_PUBLIC_URL", "http://q.example:8080"), Map.entry("WHARF_REPAIR", "true"),
                Map.entry("WHARF_IDLE_TIMEOUT", "61"), Map.entry("WHARF_HEADER_TIMEOUT", "11"),
                Map.entry("WHARF_BODY_TIMEOUT", "12"), Map.entry("WHARF_MAX_CONNECTIONS", "500"),
                Map.entry("WHARF_MAX_INFLIGHT_BYTES", "1000000"), Map.entry("WHARF_HTTP2_MAX_STREAMS", "50"),
                Map.entry("WHARF_LOG_REQUESTS", "yes"), Map.entry("WHARF_LOG_LEVEL", "warn"),
                Map.entry("WHARF_LOG_FORMAT", "TEXT"), Map.entry("WHARF_STORE_WAL_MIB", "16"),
                Map.entry("WHARF_STORE_MEMTABLE_MIB", "1024"));
        assertThat(run(env)).isEqualTo(new WharfConfig("0.0.0.0", 5000, Path.of("/srv/wharf"), true, "111122223333",
                "ap-southeast-2", "q.example:80", true, 100000, Duration.ZERO, FsyncMode.NEVER, "127.0.0.1", 1025,
                0, null, null, 100, 7, true, AuthMode.ENFORCE, new AccountKey("111122223333", "AKIAROOT", "root-secret-1"),
                List.of(new AccountKey("111111111111", "AKIAONE", "secret-one"),
                        new AccountKey("222222222222", "AKIATWO", "secret-two")), "stdout",
                List.of("169.254.169.254", "*.hooks.test"), List.of("192.168.0.0/16"), Path.of("/srv/keys/master"),
                "http://q.example:8080", true,
                new ConnectionLimits(Duration.ofSeconds(61), Duration.ofSeconds(11), Duration.ofSeconds(12), 500,
                        1000000, 50), null,
                new LoggingOptions(true, LoggingOptions.Level.WARN, LoggingOptions.Format.TEXT), null, 0,
                new RocksTuning(16L << 20, 1024L << 20)));
    }

    @Test
    void loggingDefaultsAndBadValues() {
        assertThat(run(Map.of()).logging()).isEqualTo(LoggingOptions.DEFAULT);
        assertThat(exit(Map.of(), "--log-level", "loud").text())
                .isEqualTo("wharf: invalid --log-level 'loud': expected error, warn, info, debug or trace");
        assertThat(exit(Map.of("WHARF_LOG_FORMAT", "xml")).text())
                .isEqualTo("wharf: invalid WHARF_LOG_FORMAT 'xml': expected text or json");
    }

    @Test
    void publicUrlIsSchemeHostAndPortOnly() {
        for (String bad : new String[] {"wharf.example.com", "ftp://wharf.example.com", "https://", "https://a/b",
                "https://a:0", "https://a?x=1", "https://a b"}) {
            assertThat(exit(Map.of(), "--public-url", bad).text()).as(bad)
                    .startsWith("wharf: invalid --public-url '" + bad + "': expected http");
        }
        assertThat(run(Map.of(), "--public-url", "http://[::1]:8080").publicUrl()).isEqualTo("http://[::1]:8080");
        assertThat(run(Map.of()).publicUrl()).isNull();
    }

    @Test
    void tlsUrlsNameTheHostnameWithTheTlsPort() {
        assertThat(run(Map.of(), "--hostname", "q.example").tlsUrlHost(4567)).isEqualTo("q.example:4567");
        assertThat(run(Map.of(), "--hostname", "q.example:80").tlsUrlHost(4567)).isEqualTo("q.example:4567");
        assertThat(run(Map.of(), "--hostname", "[::1]").tlsUrlHost(4567)).isEqualTo("[::1]:4567");
        assertThat(run(Map.of()).tlsUrlHost(4567)).isNull();
    }

    @Test
    void flagsWinOverEnvironment() {
        Map<String, String> env = Map.of("WHARF_PORT", "5000", "WHARF_REGION", "eu-west-1", "WHARF_RELAXED", "true");
        WharfConfig config = run(env, "--port", "6000", "--relaxed=false");
        assertThat(config.port()).isEqualTo(6000);
        assertThat(config.relaxed()).isFalse();
        assertThat(config.region()).isEqualTo("eu-west-1");
    }

    @Test
    void emptyEnvironmentVariableMeansUnset() {
        assertThat(run(Map.of("WHARF_PORT", "", "WHARF_HOSTNAME", "")).port()).isEqualTo(4566);
    }

    @Test
    void badFlagValuesNameTheFlagAndValue() {
        assertThat(exit(Map.of(), "--port", "abc"))
                .isEqualTo(new Outcome.Exit(2, "wharf: invalid --port 'abc': not a whole number"));
        assertThat(exit(Map.of(), "--port", "70000").text()).isEqualTo("wharf: invalid --port '70000': expected 0-65535 (0 = any free port)");
        assertThat(exit(Map.of(), "--account-id", "12345").text()).isEqualTo("wharf: invalid --account-id '12345': expected exactly 12 digits");
        assertThat(exit(Map.of(), "--region", "US-EAST-1").text()).contains("--region 'US-EAST-1'");
        assertThat(exit(Map.of(), "--region", "useast1").text()).contains("--region 'useast1'");
        assertThat(exit(Map.of(), "--hostname", "http://x").text()).contains("--hostname 'http://x'");
        assertThat(exit(Map.of(), "--hostname", "x:0").text()).contains("--hostname 'x:0'");
        assertThat(exit(Map.of(), "--relaxed=maybe").text()).isEqualTo("wharf: invalid --relaxed 'maybe': expected true or false");
        assertThat(exit(Map.of(), "--kinesis-enforce-limits=sometimes").text())
                .isEqualTo("wharf: invalid --kinesis-enforce-limits 'sometimes': expected true or false");
        assertThat(exit(Map.of(), "--fsync", "sometimes").text())
                .isEqualTo("wharf: invalid --fsync 'sometimes': expected always or never");
        assertThat(exit(Map.of(), "--smtp-port", "0").text())
                .isEqualTo("wharf: invalid --smtp-port '0': expected 1-65535");
        assertThat(exit(Map.of(), "--tls-cert", "/etc/w.crt").text())
                .isEqualTo("wharf: invalid --tls-cert '/etc/w.crt': --tls-cert and --tls-key go together");
        assertThat(exit(Map.of(), "--max-request-bytes", "10").text()).contains("--max-request-bytes '10'");
        assertThat(exit(Map.of(), "--shutdown-timeout", "-1").text()).contains("--shutdown-timeout '-1'");
        assertThat(exit(Map.of(), "--host", " ").text()).contains("--host ' '");
    }

    @Test
    void badEnvironmentValuesNameTheVariable() {
        assertThat(exit(Map.of("WHARF_PORT", "abc")).text()).isEqualTo("wharf: invalid WHARF_PORT 'abc': not a whole number");
        assertThat(exit(Map.of("WHARF_REGION", "mars")).text())
                .isEqualTo("wharf: invalid WHARF_REGION 'mars': expected a region such as us-east-1");
        assertThat(exit(Map.of("WHARF_IN_MEMORY", "yes please")).text()).contains("WHARF_IN_MEMORY 'yes please'");
        assertThat(exit(Map.of("WHARF_KINESIS_ENFORCE_LIMITS", "x")).text())
                .isEqualTo("wharf: invalid WHARF_KINESIS_ENFORCE_LIMITS 'x': expected true or false");
        // The flag overrides a bad variable, so the variable is never an error.
        assertThat(run(Map.of("WHARF_PORT", "abc"), "--port", "1").port()).isEqualTo(1);
    }

    @Test
    void everyErrorIsOneLine() {
        for (String[] args : new String[][]{{"--port", "x"}, {"--nope"}, {"--port"}, {"--account-id", "a"}, {"extra"}}) {
            Outcome.Exit exit = exit(Map.of(), args);
            assertThat(exit.exitCode()).isEqualTo(2);
            assertThat(exit.text()).startsWith("wharf: ").doesNotContain("\n").doesNotContain("Exception");
        }
    }

    @Test
    void helpAndVersion() {
        Outcome.Exit help = exit(Map.of(), "--help");
        assertThat(help.exitCode()).isZero();
        for (Setting setting : Setting.values()) {
            assertThat(help.text()).contains(setting.option()).contains(setting.environmentVariable());
        }
        Outcome.Exit version = exit(Map.of(), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.text()).startsWith("Wharf ").doesNotContain("${");
    }

    @Test
    void opensearchEndpointFlagAndVariable() {
        WharfConfig config = run(Map.of("WHARF_OPENSEARCH_ENDPOINTS",
                "arn:aws:es:us-east-1:000000000000:domain/d=http://127.0.0.1:9200"),
                "--opensearch-endpoint", "https://c.example=http://127.0.0.1:9201/base");
        assertThat(config.firehose().settings().searchEndpoints())
                .containsExactly(Map.entry("https://c.example", "http://127.0.0.1:9201/base"));
        WharfConfig fromEnv = run(Map.of("WHARF_OPENSEARCH_ENDPOINTS",
                "arn:aws:es:us-east-1:000000000000:domain/d=http://127.0.0.1:9200"));
        assertThat(fromEnv.firehose().settings().searchEndpoints())
                .containsEntry("arn:aws:es:us-east-1:000000000000:domain/d", "http://127.0.0.1:9200");
        assertThatThrownBy(() -> WharfConfig.builder().opensearchEndpoints(List.of("c.example=http://x")).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("--opensearch-endpoint");
        assertThatThrownBy(() -> WharfConfig.builder().opensearchEndpoints(List.of("https://c.example=ftp://x"))
                .build()).isInstanceOf(ConfigException.class).hasMessageContaining("--opensearch-endpoint");
    }

    @Test
    void kinesisFlagsAndVariables() {
        WharfConfig config = run(Map.of("WHARF_KINESIS_SHARD_LIMIT", "20"), "--kinesis-transition-ms", "0");
        assertThat(config.kinesisTransitionMillis()).isZero();
        assertThat(config.kinesisShardLimit()).isEqualTo(20);
        assertThat(config.kinesis().shardLimit()).isEqualTo(20);
        assertThat(WharfConfig.builder().build().kinesisTransitionMillis()).isEqualTo(500);
        assertThatThrownBy(() -> WharfConfig.builder().kinesisTransitionMillis(-1).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("--kinesis-transition-ms");
    }

    @Test
    void storeWalCapAndMemtableBudget() {
        assertThat(run(Map.of()).storeTuning()).isEqualTo(RocksTuning.DEFAULTS);
        assertThat(run(Map.of(), "--store-wal-mib", "512", "--store-memtable-mib", "16").storeTuning())
                .isEqualTo(new RocksTuning(512L << 20, 16L << 20));
        assertThat(run(Map.of("WHARF_STORE_WAL_MIB", "100"), "--store-wal-mib", "200").storeTuning().walBytes())
                .isEqualTo(200L << 20);
        assertThat(exit(Map.of(), "--store-wal-mib", "15").text())
                .isEqualTo("wharf: invalid --store-wal-mib '15': expected 16-65536 MiB");
        assertThat(exit(Map.of(), "--store-memtable-mib", "65537").text())
                .isEqualTo("wharf: invalid --store-memtable-mib '65537': expected 16-65536 MiB");
        assertThat(exit(Map.of("WHARF_STORE_MEMTABLE_MIB", "lots")).text())
                .startsWith("wharf: invalid WHARF_STORE_MEMTABLE_MIB 'lots'");
    }

    @Test
    void sqsInflightCapFlagAndVariable() {
        assertThat(run(Map.of()).sqsMaxInflightMessages()).isEqualTo(1_000_000);
        assertThat(run(Map.of(), "--sqs-max-inflight-messages", "250").sqsMaxInflightMessages()).isEqualTo(250);
        assertThat(run(Map.of("WHARF_SQS_MAX_INFLIGHT_MESSAGES", "7")).sqsMaxInflightMessages()).isEqualTo(7);
        assertThat(run(Map.of("WHARF_SQS_MAX_INFLIGHT_MESSAGES", "7"), "--sqs-max-inflight-messages", "8")
                .sqsMaxInflightMessages()).isEqualTo(8);
        assertThat(exit(Map.of(), "--sqs-max-inflight-messages", "-1").text()).isEqualTo(
                "wharf: invalid --sqs-max-inflight-messages '-1': expected a positive number of messages");
        assertThat(exit(Map.of(), "--sqs-max-inflight-messages", "many").text())
                .startsWith("wharf: invalid --sqs-max-inflight-messages 'many'");
    }

    @Test
    void deliveryRulesAreCheckedAtStartAndNameTheBadEntry() {
        assertThat(run(Map.of()).deliveryAllow()).isEmpty();
        assertThat(run(Map.of()).deliveryDeny()).isEmpty();
        assertThat(exit(Map.of(), "--delivery-allow", "10.0.0.0/33").text())
                .isEqualTo("wharf: invalid --delivery-allow '10.0.0.0/33': the prefix after '/' must be 0-32");
        assertThat(exit(Map.of(), "--delivery-deny", "127.0.0.1,10.0.0.1/8").text())
                .isEqualTo("wharf: invalid --delivery-deny '10.0.0.1/8': has bits set after its /8 prefix (did you "
                        + "mean 10.0.0.0/8?)");
        assertThat(exit(Map.of(), "--delivery-deny", "*").text()).startsWith("wharf: invalid --delivery-deny '*': ");
        assertThat(exit(Map.of("WHARF_DELIVERY_ALLOW", "hooks.internal,10.0.0"), new String[0]).text())
                .isEqualTo("wharf: invalid WHARF_DELIVERY_ALLOW '10.0.0': not a valid IP address (write IPv4 as four "
                        + "numbers 0-255 without leading zeros)");
        // the flag replaces the variable, so the variable's bad entry is never read
        assertThat(run(Map.of("WHARF_DELIVERY_DENY", "bad entry"), "--delivery-deny", "::1").deliveryDeny())
                .containsExactly("::1");
        assertThatThrownBy(() -> WharfConfig.builder().deliveryAllow(List.of("")).build())
                .isInstanceOf(ConfigException.class).hasMessage("invalid --delivery-allow '': empty entry");
    }

    @Test
    void connectionLimitsHaveDefaultsAndNameTheBadFlag() {
        ConnectionLimits limits = run(Map.of()).connectionLimits();
        assertThat(limits).isEqualTo(ConnectionLimits.DEFAULTS);
        assertThat(limits.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(limits.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(limits.bodyTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(limits.effectiveMaxConnections()).isBetween(16, 10_000);
        assertThat(limits.effectiveMaxInflightBytes(WharfConfig.DEFAULT_MAX_REQUEST_BYTES)).isEqualTo(64L << 20);
        assertThat(limits.effectiveMaxInflightBytes(100 << 20)).isEqualTo(100L << 20);
        assertThat(exit(Map.of(), "--idle-timeout", "0").text())
                .isEqualTo("wharf: invalid --idle-timeout '0': expected 1-3600 seconds");
        assertThat(exit(Map.of(), "--header-timeout", "x").text())
                .isEqualTo("wharf: invalid --header-timeout 'x': not a whole number");
        assertThat(exit(Map.of(), "--body-timeout", "3601").text()).contains("--body-timeout '3601'");
        assertThat(exit(Map.of(), "--max-connections", "-1").text()).contains("--max-connections '-1'");
        assertThat(exit(Map.of(), "--max-inflight-bytes", "1000").text())
                .contains("--max-inflight-bytes '1000': expected at least --max-request-bytes");
        assertThat(exit(Map.of(), "--http2-max-streams", "0").text()).contains("--http2-max-streams '0'");
        assertThat(exit(Map.of("WHARF_IDLE_TIMEOUT", "-5")).text()).contains("WHARF_IDLE_TIMEOUT '-5'");
    }
}
