package io.wharf.it.firehose;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Firehose through the AWS CLI where installed (skipped cleanly where not): botocore's JSON 1.1 with base64 blobs.
 * {@code -Dwharf.it.s3.endpoint} aims it at another implementation, like the S3 suites.
 */
class FirehoseCliIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private static final long TIMEOUT_SECONDS = 90;

    private record Run(int exit, String out) {
    }

    static URI endpoint() {
        String other = System.getProperty("wharf.it.s3.endpoint", "");
        return other.isBlank() ? WHARF.endpoint() : URI.create(other.strip());
    }

    @BeforeAll
    static void requireFirehose() {
        assumeTrue(!System.getProperty("wharf.it.s3.endpoint", "").isBlank()
                        || FirehoseCliIT.class.getClassLoader().getResource("io/wharf/firehose") != null,
                "this build of Wharf has no Firehose module yet");
    }

    private static Run run(List<String> command) throws Exception {
        Path output = Files.createTempFile("wharf-cli", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            Map<String, String> env = builder.environment();
            env.put("AWS_ACCESS_KEY_ID", Clients.ACCESS_KEY_ID);
            env.put("AWS_SECRET_ACCESS_KEY", Clients.SECRET);
            env.put("AWS_DEFAULT_REGION", "us-east-1");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            env.put("AWS_PAGER", "");
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not finish: " + Files.readString(output));
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean available(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static List<String> aws(String... args) {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint().toString(), "--output",
                "json"));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void listCreateDescribePutRecord() throws Exception {
        assumeTrue(available("aws", "--version"), "AWS CLI not installed");
        String name = "cli-stream-" + System.nanoTime();
        String bucket = "cli-firehose-" + System.nanoTime();
        Run created = run(aws("firehose", "create-delivery-stream", "--delivery-stream-name", name,
                "--delivery-stream-type", "DirectPut",
                "--extended-s3-destination-configuration", "{\"BucketARN\":\"arn:aws:s3:::" + bucket + "\","
                        + "\"RoleARN\":\"arn:aws:iam::000000000000:role/firehose\","
                        + "\"BufferingHints\":{\"IntervalInSeconds\":60,\"SizeInMBs\":1}}"));
        assertThat(created.exit()).as(created.out()).isZero();
        assertThat(created.out()).contains("\"DeliveryStreamARN\": \"arn:aws:firehose:us-east-1:")
                .contains(":deliverystream/" + name + "\"");
        Run listed = run(aws("firehose", "list-delivery-streams"));
        assertThat(listed.exit()).as(listed.out()).isZero();
        assertThat(listed.out()).contains("\"" + name + "\"").contains("\"HasMoreDeliveryStreams\": false");
        Run described = run(aws("firehose", "describe-delivery-stream", "--delivery-stream-name", name));
        assertThat(described.exit()).as(described.out()).isZero();
        assertThat(described.out()).contains("\"DeliveryStreamName\": \"" + name + "\"")
                .contains("\"DeliveryStreamType\": \"DirectPut\"").contains("\"VersionId\": \"1\"");
        // CLI v1 sends a blob given on the command line as its bytes, base64-encoded on the wire
        Run put = run(aws("firehose", "put-record", "--delivery-stream-name", name, "--record",
                "Data=hello from the cli"));
        assertThat(put.exit()).as(put.out()).isZero();
        assertThat(put.out()).contains("\"RecordId\": \"").contains("\"Encrypted\": false");
        Run missing = run(aws("firehose", "put-record", "--delivery-stream-name", name + "-nope", "--record", "Data=x"));
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.out()).contains("ResourceNotFoundException");
    }
}
