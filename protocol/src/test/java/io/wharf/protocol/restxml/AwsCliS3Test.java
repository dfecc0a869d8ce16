package io.wharf.protocol.restxml;

import io.wharf.protocol.JdkHttpBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS CLI's high-level {@code aws s3} commands against the gateway with a fake S3, signatures verified, through
 * the stand-in front door. Skipped where the {@code aws} command is not installed.
 */
class AwsCliS3Test {
    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final FakeS3 S3 = new FakeS3();
    private static JdkHttpBridge bridge;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(hasAws(), "the AWS CLI is not installed");
        bridge = JdkHttpBridge.verifying(S3, KEY, SECRET);
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private String aws(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", "http://127.0.0.1:" + bridge.port()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", KEY);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", SECRET);
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        builder.environment().put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", arguments) + ": " + output).isZero();
        return output;
    }

    @Test
    void listCopyAndMakeBuckets() throws Exception {
        assertThat(aws("s3", "ls")).contains("one");
        String listing = aws("s3", "ls", "s3://bucket/a/");
        assertThat(listing).contains("PRE a/").contains(" 1\n").contains(" 2 & <b>");
        assertThat(S3.inputs.get("ListObjectsV2").string("Delimiter")).isEqualTo("/");

        Path file = Files.writeString(dir.resolve("upload.txt"), "from the cli");
        aws("s3", "cp", file.toString(), "s3://bucket/dir/upload.txt");
        assertThat(S3.bodies.get("PutObject")).asString(StandardCharsets.UTF_8).isEqualTo("from the cli");
        assertThat(S3.inputs.get("PutObject").string("Key")).isEqualTo("dir/upload.txt");
        assertThat(S3.inputs.get("PutObject").string("ContentType")).isEqualTo("text/plain");

        Path downloaded = dir.resolve("downloaded.txt");
        aws("s3", "cp", "s3://bucket/k", downloaded.toString());
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(FakeS3.OBJECT);

        aws("s3", "mb", "s3://made-by-cli");
        assertThat(S3.inputs.get("CreateBucket").string("Bucket")).isEqualTo("made-by-cli");
    }

    @Test
    void presign() throws Exception {
        String url = aws("s3", "presign", "s3://bucket/shared.txt", "--expires-in", "300").trim();
        try (InputStream in = URI.create(url).toURL().openStream()) {
            assertThat(in.readAllBytes()).isEqualTo(FakeS3.OBJECT);
        }
        assertThat(S3.inputs.get("GetObject").string("Key")).isEqualTo("shared.txt");
    }

    private static boolean hasAws() {
        try {
            Process check = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
            check.getInputStream().readAllBytes();
            return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
