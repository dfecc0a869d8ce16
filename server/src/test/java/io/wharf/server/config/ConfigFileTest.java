package io.wharf.server.config;

import io.wharf.server.config.CommandLineConfig.Outcome;
import io.wharf.storage.FsyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --config FILE}: YAML keyed by the options' names; flag > environment > file > default. */
class ConfigFileTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, yaml);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static WharfConfig run(Map<String, String> env, String... args) {
        Outcome outcome = CommandLineConfig.parse(args, env);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Outcome.Run.class);
        return ((Outcome.Run) outcome).config();
    }

    private static String error(Map<String, String> env, String... args) {
        Outcome outcome = CommandLineConfig.parse(args, env);
        assertThat(outcome).isInstanceOf(Outcome.Exit.class);
        assertThat(((Outcome.Exit) outcome).exitCode()).isEqualTo(CommandLineConfig.USAGE_ERROR);
        return ((Outcome.Exit) outcome).text();
    }

    @Test
    void theFileGivesSettingsByTheirOptionNames() throws Exception {
        Path file = file("""
                port: 5000
                data-dir: /srv/wharf
                fsync: never
                relaxed: true
                log-requests: yes
                delivery-allow: [10.0.0.0/8, hooks.internal]
                account:
                  - 111111111111:AKIAONE:secret-one
                """);
        WharfConfig config = run(Map.of(), "--config", file.toString());
        assertThat(config.port()).isEqualTo(5000);
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/wharf"));
        assertThat(config.fsync()).isEqualTo(FsyncMode.NEVER);
        assertThat(config.relaxed()).isTrue();
        assertThat(config.logging().requests()).isTrue();
        assertThat(config.deliveryAllow()).isEqualTo(List.of("10.0.0.0/8", "hooks.internal"));
        assertThat(config.accounts()).containsExactly(new AccountKey("111111111111", "AKIAONE", "secret-one"));
        assertThat(config.region()).isEqualTo("us-east-1"); // not in the file: the default
    }

    @Test
    void flagsWinOverTheEnvironmentWhichWinsOverTheFile() throws Exception {
        Path file = file("port: 5000\nregion: eu-west-1\naccount-id: '111122223333'\n");
        WharfConfig config = run(Map.of("WHARF_PORT", "6000", "WHARF_REGION", "eu-west-2"), "--config",
                file.toString(), "--port", "7000");
        assertThat(config.port()).isEqualTo(7000);
        assertThat(config.region()).isEqualTo("eu-west-2");
        assertThat(config.accountId()).isEqualTo("111122223333");
        assertThat(run(Map.of("WHARF_CONFIG", file.toString())).port()).isEqualTo(5000);
    }

    @Test
    void aBadValueNamesTheKeyAndTheFile() throws Exception {
        Path file = file("port: lots\n");
        assertThat(error(Map.of(), "--config", file.toString()))
                .isEqualTo("wharf: invalid port in " + file + " 'lots': not a whole number");
        Path region = file("region: moon\n");
        assertThat(error(Map.of(), "--config", region.toString()))
                .isEqualTo("wharf: invalid region in " + region + " 'moon': expected a region such as us-east-1");
    }

    @Test
    void whatTheFileCannotSayIsRefused() throws Exception {
        assertThat(error(Map.of(), "--config", file("prot: 1\n").toString()))
                .contains("invalid --config").contains("unknown setting 'prot'");
        assertThat(error(Map.of(), "--config", file("port: [1, 2]\n").toString()))
                .contains("'port' takes one value, not a list");
        assertThat(error(Map.of(), "--config", file("host:\n  a: b\n").toString()))
                .contains("'host' takes a plain value, not a mapping");
        assertThat(error(Map.of(), "--config", file("- port\n").toString()))
                .contains("expected a mapping of settings at the top");
        assertThat(error(Map.of(), "--config", file("port: [\n").toString())).contains("not YAML");
        assertThat(error(Map.of(), "--config", dir.resolve("missing.yaml").toString()))
                .isEqualTo("wharf: invalid --config '" + dir.resolve("missing.yaml") + "': no such file");
        assertThat(error(Map.of("WHARF_CONFIG", dir.resolve("gone.yaml").toString())))
                .startsWith("wharf: invalid WHARF_CONFIG '");
        assertThat(run(Map.of(), "--config", file("").toString())).isEqualTo(WharfConfig.builder().build());
    }

    @Test
    void aFileWithASecretMustBeTheOwnersAlone() throws Exception {
        Path file = file("root-access-key-id: AKIAROOT\nroot-secret-access-key: root-secret-1\n");
        assertThat(run(Map.of(), "--config", file.toString()).rootKey().secretAccessKey()).isEqualTo("root-secret-1");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(error(Map.of(), "--config", file.toString()))
                .contains("it holds 'root-secret-access-key' and group or others may read or write it (chmod 600 it)")
                .doesNotContain("root-secret-1");
        Path plain = file("port: 5000\n");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(run(Map.of(), "--config", plain.toString()).port()).isEqualTo(5000);
    }
}
