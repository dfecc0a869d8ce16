package io.wharf.server.config;

import io.wharf.server.config.CommandLineConfig.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --firehose-s3-*}: the external S3 endpoint Firehose delivers to, and its key, never shown. */
class ExternalS3ConfigTest {
    private static final String SECRET = "s3cr3t/Secret+Key";

    private static Outcome parse(Map<String, String> env, String... args) {
        return CommandLineConfig.parse(args, env);
    }

    private static WharfConfig run(Map<String, String> env, String... args) {
        Outcome outcome = parse(env, args);
        assertThat(outcome).isInstanceOf(Outcome.Run.class);
        return ((Outcome.Run) outcome).config();
    }

    private static String error(Map<String, String> env, String... args) {
        Outcome outcome = parse(env, args);
        assertThat(outcome).isInstanceOf(Outcome.Exit.class);
        assertThat(((Outcome.Exit) outcome).exitCode()).isEqualTo(2);
        return ((Outcome.Exit) outcome).text();
    }

    @Test
    void noneByDefault() {
        assertThat(run(Map.of()).firehose().externalS3()).isNull();
    }

    @Test
    void flagsAndEnvironment() {
        ExternalS3 fromFlags = run(Map.of(), "--firehose-s3-endpoint", "http://127.0.0.1:9000/", "--firehose-s3-region",
                "eu-west-1", "--firehose-s3-access-key-id", "minio", "--firehose-s3-secret-access-key", SECRET)
                .firehose().externalS3();
        assertThat(fromFlags).isEqualTo(new ExternalS3(URI.create("http://127.0.0.1:9000"), "eu-west-1", "minio", SECRET));
        ExternalS3 fromEnv = run(Map.of("WHARF_FIREHOSE_S3_ENDPOINT", "https://s3.example.com/base",
                "WHARF_FIREHOSE_S3_ACCESS_KEY_ID", "AKIDEXAMPLE", "WHARF_FIREHOSE_S3_SECRET_ACCESS_KEY", SECRET),
                "--region", "ap-south-1").firehose().externalS3();
        assertThat(fromEnv).isEqualTo(new ExternalS3(URI.create("https://s3.example.com/base"), "ap-south-1",
                "AKIDEXAMPLE", SECRET));
        assertThat(fromEnv.toString()).doesNotContain(SECRET).contains("****");
        assertThat(fromEnv.describe()).doesNotContain(SECRET).contains("https://s3.example.com/base").contains("AKIDEXAMPLE");
        assertThat(run(Map.of(), "--firehose-s3-endpoint", "http://127.0.0.1:9000", "--firehose-s3-access-key-id", "k",
                "--firehose-s3-secret-access-key", SECRET).toString()).doesNotContain(SECRET);
    }

    @Test
    void credentialsFileReadableByItsOwnerOnly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("creds");
        Files.writeString(file, "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = " + SECRET + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        ExternalS3 external = run(Map.of(), "--firehose-s3-endpoint", "http://127.0.0.1:9000",
                "--firehose-s3-credentials-file", file.toString()).firehose().externalS3();
        assertThat(external.accessKeyId()).isEqualTo("FILEKEY");
        assertThat(external.secretAccessKey()).isEqualTo(SECRET);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(error(Map.of(), "--firehose-s3-endpoint", "http://127.0.0.1:9000", "--firehose-s3-credentials-file",
                file.toString())).contains("--firehose-s3-credentials-file").contains("chmod 600").doesNotContain(SECRET);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(error(Map.of(), "--firehose-s3-endpoint", "http://127.0.0.1:9000", "--firehose-s3-credentials-file",
                file.toString(), "--firehose-s3-access-key-id", "k")).contains("not both");
        assertThat(error(Map.of("WHARF_FIREHOSE_S3_ENDPOINT", "http://127.0.0.1:9000"),
                "--firehose-s3-credentials-file", dir.resolve("missing").toString())).contains("cannot read it");
        Files.writeString(file, "aws_access_key_id = only\n");
        assertThat(error(Map.of(), "--firehose-s3-endpoint", "http://127.0.0.1:9000", "--firehose-s3-credentials-file",
                file.toString())).contains("aws_secret_access_key");
    }

    @Test
    void badValuesNameTheirFlagAndNeverTheSecret() {
        assertThat(error(Map.of(), "--firehose-s3-endpoint", "ftp://x", "--firehose-s3-access-key-id", "k",
                "--firehose-s3-secret-access-key", SECRET)).contains("--firehose-s3-endpoint").doesNotContain(SECRET);
        assertThat(error(Map.of(), "--firehose-s3-endpoint", "http://user:pw@host:9000", "--firehose-s3-access-key-id",
                "k", "--firehose-s3-secret-access-key", SECRET)).contains("no user info").doesNotContain("pw@");
        assertThat(error(Map.of(), "--firehose-s3-endpoint", "http://host:9000/?x=1", "--firehose-s3-access-key-id",
                "k", "--firehose-s3-secret-access-key", SECRET)).contains("no user info, query");
        assertThat(error(Map.of(), "--firehose-s3-endpoint", "http://host:9000"))
                .contains("--firehose-s3-access-key-id").contains("needs a key");
        assertThat(error(Map.of(), "--firehose-s3-endpoint", "http://host:9000", "--firehose-s3-access-key-id", "k",
                "--firehose-s3-secret-access-key", "has space")).contains("****").doesNotContain("has space");
        assertThat(error(Map.of(), "--firehose-s3-endpoint", "http://host:9000", "--firehose-s3-access-key-id", "k",
                "--firehose-s3-secret-access-key", SECRET, "--firehose-s3-region", "Not A Region"))
                .contains("--firehose-s3-region");
        assertThat(error(Map.of(), "--firehose-s3-secret-access-key", SECRET))
                .contains("only with --firehose-s3-endpoint").doesNotContain(SECRET);
        assertThat(error(Map.of("WHARF_FIREHOSE_S3_ACCESS_KEY_ID", "k"))).contains("WHARF_FIREHOSE_S3_ACCESS_KEY_ID");
    }
}
