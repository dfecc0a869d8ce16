package io.wharf.it.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * CloudWatch through the AWS CLI v1 and boto3 where they are installed (skipped cleanly where not). botocore 1.43
 * picks Smithy RPC v2 CBOR from the model's protocol list, so this is a second, independent CBOR implementation
 * against Wharf's; a large PutMetricData is gzip-compressed by botocore (the operation's requestcompression trait).
 */
class CloudWatchCliSmokeIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String namespace = "Cli/" + UUID.randomUUID().toString().substring(0, 8);

    private record Run(int exit, String out) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private static Run run(List<String> command) throws Exception {
        Path output = Files.createTempFile("wharf-cli", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            Map<String, String> env = builder.environment();
            env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
            env.put("AWS_SECRET_ACCESS_KEY", io.wharf.testkit.Clients.SECRET);
            env.put("AWS_DEFAULT_REGION", "us-east-1");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            env.put("AWS_PAGER", "");
            env.put("WHARF_ENDPOINT", WHARF.endpoint().toString());
            Process process = builder.start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command.get(0) + " did not finish: " + Files.readString(output));
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

    private static List<String> cli(String... args) {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", WHARF.endpoint().toString(),
                "--output", "json", "cloudwatch"));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void awsCli() throws Exception {
        assumeTrue(available("aws", "--version"), "AWS CLI not installed");
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(2));
        Run put = run(cli("put-metric-data", "--namespace", namespace, "--metric-name", "Jobs", "--value", "3",
                "--unit", "Count", "--dimensions", "Queue=orders", "--timestamp", minute.toString()));
        assertThat(put.exit()).as(put.out()).isZero();
        Run read = run(cli("get-metric-statistics", "--namespace", namespace, "--metric-name", "Jobs",
                "--dimensions", "Name=Queue,Value=orders", "--start-time", minute.minusSeconds(600).toString(),
                "--end-time", minute.plusSeconds(600).toString(), "--period", "60", "--statistics", "Sum"));
        assertThat(read.exit()).as(read.out()).isZero();
        JsonNode point = read.json().path("Datapoints").path(0);
        assertThat(point.path("Sum").asDouble()).isEqualTo(3.0);
        assertThat(point.path("Unit").asText()).isEqualTo("Count");

        Run refused = run(cli("put-metric-data", "--namespace", "AWS/SQS", "--metric-name", "Jobs", "--value", "1"));
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.out()).contains("InvalidParameterValue")
                .contains("The value AWS/SQS for parameter Namespace is invalid.");
    }

    @Test
    void boto3() throws Exception {
        assumeTrue(available("python3", "-c", "import boto3"), "boto3 not installed");
        String script = """
                import os, sys, datetime, boto3, botocore
                ns = sys.argv[1]
                c = boto3.client('cloudwatch', endpoint_url=os.environ['WHARF_ENDPOINT'])
                now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0) \
                    - datetime.timedelta(minutes=2)
                c.put_metric_data(Namespace=ns, MetricData=[
                    {'MetricName': 'Lag', 'Timestamp': now, 'Values': [1.0, 4.0], 'Counts': [3.0, 1.0],
                     'Unit': 'Milliseconds', 'Dimensions': [{'Name': 'Shard', 'Value': 's-1'}]}])
                # over botocore's 10 KiB threshold: sent gzip-compressed
                c.put_metric_data(Namespace=ns, MetricData=[
                    {'MetricName': 'Bulk%03d' % i, 'Value': float(i), 'Timestamp': now,
                     'Dimensions': [{'Name': 'Worker', 'Value': 'worker-%03d-with-a-long-identifier' % i}]}
                    for i in range(300)])
                names = [m['MetricName'] for p in c.get_paginator('list_metrics').paginate(Namespace=ns)
                         for m in p['Metrics']]
                assert len(names) == 301 and 'Lag' in names, len(names)
                s = c.get_metric_statistics(Namespace=ns, MetricName='Lag',
                    Dimensions=[{'Name': 'Shard', 'Value': 's-1'}], StartTime=now - datetime.timedelta(minutes=5),
                    EndTime=now + datetime.timedelta(minutes=5), Period=60, Statistics=['Average', 'SampleCount'])
                p = s['Datapoints'][0]
                assert p['SampleCount'] == 4.0 and p['Average'] == 7.0 / 4 and p['Timestamp'] == now, p
                try:
                    c.put_metric_data(Namespace=ns, MetricData=[{'MetricName': 'x', 'Value': 1.0,
                        'StatisticValues': {'SampleCount': 1.0, 'Sum': 1.0, 'Minimum': 1.0, 'Maximum': 1.0}}])
                    raise SystemExit('accepted both Value and StatisticValues')
                except botocore.exceptions.ClientError as e:
                    err = e.response['Error']
                    assert err['Code'] == 'InvalidParameterCombination', e.response
                    assert e.response['ResponseMetadata']['HTTPStatusCode'] == 400
                    assert err['Message'].startswith('The parameters MetricData.member.1.Value and'), err
                print('ok')
                """;
        Run run = run(List.of("python3", "-c", script, namespace));
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("ok");
    }
}
