package io.wharf.it.firehose;

import io.wharf.it.cli.CliProcess;
import io.wharf.it.cli.CliProcess.Run;
import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static io.wharf.it.cli.CliProcess.available;

/**
 * Firehose through the AWS CLI and boto3 where they are installed (skipped cleanly where not): botocore's JSON 1.1,
 * base64 blobs, epoch-second timestamps; records delivered into a {@link RecordingSink}.
 */
class FirehoseCliSmokeIT {
    static final RecordingSink SINK = new RecordingSink();

    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder()
            .configure(c -> c.firehoseTransitionMillis(0).firehoseSink(SINK)).build();


    private static Run run(List<String> command) throws Exception {
        return CliProcess.run(WHARF.endpoint(), command);
    }

    private static Run ok(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", WHARF.endpoint().toString(),
                "--output", "json", "firehose"));
        command.addAll(List.of(args));
        Run run = run(command);
        assertThat(run.exit()).as(String.join(" ", command) + "\n" + run.out()).isZero();
        return run;
    }

    @Test
    void awsCli() throws Exception {
        assumeTrue(available("aws", "--version"), "AWS CLI not installed");
        String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        String arn = ok("create-delivery-stream", "--delivery-stream-name", name,
                "--extended-s3-destination-configuration", "RoleARN=arn:aws:iam::000000000000:role/r,"
                        + "BucketARN=arn:aws:s3:::cli,Prefix=" + name + "/,BufferingHints={SizeInMBs=1,IntervalInSeconds=0}")
                .json().get("DeliveryStreamARN").asText();
        assertThat(arn).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/" + name);
        assertThat(ok("list-delivery-streams").json().get("DeliveryStreamNames").toString()).contains(name);
        JsonNode description = ok("describe-delivery-stream", "--delivery-stream-name", name).json()
                .get("DeliveryStreamDescription");
        assertThat(description.get("CreateTimestamp").isNumber()).isTrue();
        assertThat(description.get("DeliveryStreamStatus").asText()).isEqualTo("ACTIVE");
        // CLI v1 sends a blob argument's text as the bytes
        assertThat(ok("put-record", "--delivery-stream-name", name, "--record", "Data=from the cli").json()
                .get("RecordId").asText()).isNotEmpty();
        byte[] delivered = null;
        for (int i = 0; i < 200 && delivered == null; i++) {
            Thread.sleep(50);
            delivered = SINK.objects.entrySet().stream().filter(e -> e.getKey().startsWith("cli/" + name + "/"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        assertThat(delivered).isNotNull();
        assertThat(new String(delivered, StandardCharsets.UTF_8)).isEqualTo("from the cli");
        Run missing = run(List.of("aws", "--endpoint-url", WHARF.endpoint().toString(), "firehose",
                "describe-delivery-stream", "--delivery-stream-name", "missing"));
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.out()).contains("ResourceNotFoundException")
                .contains("Firehose missing under account 000000000000 not found.");
    }

    @Test
    void boto3() throws Exception {
        assumeTrue(available("python3", "-c", "import boto3"), "boto3 not installed");
        String script = """
                import os, boto3
                c = boto3.client('firehose', endpoint_url=os.environ['WHARF_ENDPOINT'])
                c.create_delivery_stream(DeliveryStreamName='boto', ExtendedS3DestinationConfiguration={
                    'RoleARN': 'arn:aws:iam::000000000000:role/r', 'BucketARN': 'arn:aws:s3:::boto',
                    'BufferingHints': {'SizeInMBs': 1, 'IntervalInSeconds': 0}})
                r = c.put_record_batch(DeliveryStreamName='boto', Records=[{'Data': b'a'}, {'Data': b'b'}])
                assert r['FailedPutCount'] == 0 and len(r['RequestResponses']) == 2, r
                d = c.describe_delivery_stream(DeliveryStreamName='boto')['DeliveryStreamDescription']
                assert d['VersionId'] == '1', d
                c.update_destination(DeliveryStreamName='boto', CurrentDeliveryStreamVersionId='1',
                    DestinationId='destinationId-000000000001', ExtendedS3DestinationUpdate={'CompressionFormat': 'GZIP'})
                try:
                    c.update_destination(DeliveryStreamName='boto', CurrentDeliveryStreamVersionId='1',
                        DestinationId='destinationId-000000000001', ExtendedS3DestinationUpdate={'Prefix': 'x/'})
                    raise SystemExit('stale version accepted')
                except c.exceptions.ConcurrentModificationException:
                    pass
                print('ok')
                """;
        Run run = run(List.of("python3", "-c", script));
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("ok");
    }
}
