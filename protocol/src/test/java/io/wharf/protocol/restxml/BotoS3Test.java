package io.wharf.protocol.restxml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.protocol.JdkHttpBridge;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * boto3 (botocore's own REST-XML serializer, signer and parser) against the gateway with a fake S3, signatures
 * verified, through the stand-in front door. Skipped where python3 with boto3 is not installed.
 */
class BotoS3Test {
    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    void boto3SpeaksToTheGateway(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(hasBoto3(), "python3 with boto3 is not installed");
        Path script = dir.resolve("boto3_s3.py");
        try (InputStream in = BotoS3Test.class.getResourceAsStream("boto3_s3.py")) {
            Files.copy(in, script);
        }
        FakeS3 s3 = new FakeS3();
        try (JdkHttpBridge bridge = JdkHttpBridge.verifying(s3, KEY, SECRET)) {
            Process python = new ProcessBuilder("python3", script.toString(), "http://127.0.0.1:" + bridge.port())
                    .redirectErrorStream(true).start();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(python.exitValue()).as(output).isZero();
            JsonNode result = new ObjectMapper().readTree(output.lines().reduce((a, b) -> b).orElseThrow());
            assertThat(result.path("buckets").toString()).isEqualTo("[\"one\"]");
            assertThat(result.path("put_bytes").asText()).isEqualTo("\"etag\"");
            assertThat(result.path("put_stream").asText()).isEqualTo("\"etag\"");
            assertThat(s3.bodies.get("PutObject")).asString(StandardCharsets.UTF_8).isEqualTo("boto stream");
            assertThat(result.path("get").asText()).isEqualTo("hello, object");
            assertThat(result.path("get_metadata").path("color").asText()).isEqualTo("blue");
            assertThat(result.path("get_last_modified").asText()).isEqualTo("2026-12-03T07:00:00+00:00");
            assertThat(result.path("head_missing").asText()).isEqualTo("404");
            assertThat(result.path("delete_missing").asText()).isEqualTo("NoSuchKey The specified key does not exist.");
            assertThat(result.path("list_keys").toString()).isEqualTo("[\"a/1\",\"a/2 & <b>\"]");
            assertThat(result.path("list_prefixes").toString()).isEqualTo("[\"a/\"]");
            assertThat(result.path("deleted").toString()).isEqualTo("[\"x\",\"y\"]");
            assertThat(result.path("upload_part").asText()).isEqualTo("\"part\"");
            assertThat(result.path("location").asText()).isEqualTo("eu-west-1");
            assertThat(result.path("presigned").asText()).isEqualTo("hello, object");
            assertThat(result.path("acl").asText()).isEqualTo("NotImplemented 501");
        }
    }

    private static boolean hasBoto3() {
        try {
            Process check = new ProcessBuilder("python3", "-c", "import boto3").redirectErrorStream(true).start();
            check.getInputStream().readAllBytes();
            return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
