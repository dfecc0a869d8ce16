package io.wharf.it.kinesis;

import io.wharf.it.cli.CliProcess;
import io.wharf.it.cli.CliProcess.Run;
import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static io.wharf.it.cli.CliProcess.available;

/**
 * Kinesis through the AWS CLI and boto3 where they are installed (skipped cleanly where not): botocore speaks
 * AWS JSON 1.1 (never CBOR), base64 blobs and epoch-second timestamps, and reads SubscribeToShard's event stream
 * over HTTP/1.1 chunked, insisting on the initial-response event first.
 */
class KinesisCliSmokeIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder()
            .configure(c -> c.kinesisTransitionMillis(200)).build();


    private static Run run(List<String> command) throws Exception {
        return CliProcess.run(WHARF.endpoint(), command);
    }

    private static List<String> kinesis(String... args) {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", WHARF.endpoint().toString(),
                "--output", "json", "kinesis"));
        command.addAll(List.of(args));
        return command;
    }

    private static Run ok(List<String> command) throws Exception {
        Run run = run(command);
        assertThat(run.exit()).as(String.join(" ", command) + "\n" + run.out()).isZero();
        return run;
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void awsCli() throws Exception {
        assumeTrue(available("aws", "--version"), "AWS CLI not installed");
        String stream = name("cli");
        ok(kinesis("create-stream", "--stream-name", stream, "--shard-count", "2"));
        String status = "";
        for (int i = 0; i < 20 && !status.equals("ACTIVE"); i++) {
            JsonNode summary = ok(kinesis("describe-stream-summary", "--stream-name", stream)).json()
                    .get("StreamDescriptionSummary");
            status = summary.get("StreamStatus").asText();
            assertThat(summary.get("StreamARN").asText())
                    .isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/" + stream);
        }
        assertThat(status).isEqualTo("ACTIVE");
        ok(kinesis("wait", "stream-exists", "--stream-name", stream)); // DescribeStream's waiter: ACTIVE at once

        // CLI v1 sends a blob argument's text as the bytes (botocore base64-encodes them on the wire)
        JsonNode put = ok(kinesis("put-record", "--stream-name", stream, "--partition-key", "k",
                "--explicit-hash-key", "0", "--data", "from the cli")).json();
        assertThat(put.get("ShardId").asText()).isEqualTo("shardId-000000000000");
        assertThat(put.get("SequenceNumber").asText()).hasSize(56);
        JsonNode puts = ok(kinesis("put-records", "--stream-name", stream, "--records",
                "[{\"Data\":\"second\",\"PartitionKey\":\"a\",\"ExplicitHashKey\":\"0\"},"
                        + "{\"Data\":\"third\",\"PartitionKey\":\"b\",\"ExplicitHashKey\":\"0\"}]")).json();
        assertThat(puts.get("FailedRecordCount").asInt()).isZero();
        assertThat(puts.get("Records")).hasSize(2);

        String iterator = ok(kinesis("get-shard-iterator", "--stream-name", stream, "--shard-id",
                "shardId-000000000000", "--shard-iterator-type", "TRIM_HORIZON")).json().get("ShardIterator").asText();
        JsonNode records = ok(kinesis("get-records", "--shard-iterator", iterator)).json();
        List<String> data = new ArrayList<>();
        for (JsonNode record : records.get("Records")) {
            // the CLI shows a blob as base64 again in its JSON output
            data.add(new String(Base64.getDecoder().decode(record.get("Data").asText()), StandardCharsets.UTF_8));
            assertThat(record.get("PartitionKey").asText()).isNotEmpty();
            assertThat(record.get("ApproximateArrivalTimestamp").isNumber()).isTrue();
        }
        assertThat(data).containsExactly("from the cli", "second", "third");
        assertThat(records.get("Records").get(0).get("SequenceNumber").asText())
                .isEqualTo(put.get("SequenceNumber").asText());
        assertThat(records.get("NextShardIterator").asText()).isNotEmpty();
        assertThat(records.get("MillisBehindLatest").asLong()).isZero();

        JsonNode shards = ok(kinesis("list-shards", "--stream-name", stream)).json().get("Shards");
        assertThat(shards).hasSize(2);
        assertThat(shards.get(1).get("HashKeyRange").get("EndingHashKey").asText())
                .isEqualTo("340282366920938463463374607431768211455");

        Run missing = run(kinesis("describe-stream-summary", "--stream-name", "no-such-stream-cli"));
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.out()).contains("ResourceNotFoundException")
                .contains("Stream no-such-stream-cli under account 000000000000 not found.");
    }

    @Test
    void boto3SubscribeToShard() throws Exception {
        assumeTrue(available("python3", "-c", "import boto3"), "boto3 not installed");
        String script = String.join("\n",
                "import boto3, signal, sys, time",
                "signal.alarm(60)  # never outlive the test",
                "c = boto3.client('kinesis', endpoint_url=sys.argv[1], region_name='us-east-1')",
                "name = sys.argv[2]",
                "c.create_stream(StreamName=name, ShardCount=1)",
                "c.get_waiter('stream_exists').wait(StreamName=name, WaiterConfig={'Delay': 1, 'MaxAttempts': 30})",
                "arn = c.describe_stream_summary(StreamName=name)['StreamDescriptionSummary']['StreamARN']",
                "consumer = c.register_stream_consumer(StreamARN=arn, ConsumerName='boto')['Consumer']['ConsumerARN']",
                "while c.describe_stream_consumer(ConsumerARN=consumer)['ConsumerDescription']['ConsumerStatus'] != 'ACTIVE':",
                "    time.sleep(0.05)",
                "seq = c.put_record(StreamName=name, Data=b'from boto3', PartitionKey='k')['SequenceNumber']",
                "response = c.subscribe_to_shard(ConsumerARN=consumer, ShardId='shardId-000000000000',",
                "                                StartingPosition={'Type': 'TRIM_HORIZON'})",
                "stream = response['EventStream']",
                "for event in stream:",
                "    e = event['SubscribeToShardEvent']",
                "    if e['Records']:",
                "        r = e['Records'][0]",
                "        assert r['Data'] == b'from boto3', r",
                "        assert r['SequenceNumber'] == seq, (r, seq)",
                "        assert e['ContinuationSequenceNumber'] == seq, e",
                "        print('event', r['Data'].decode(), e['MillisBehindLatest'])",
                "        break",
                "stream.close()",
                "try:",
                "    c.describe_stream_summary(StreamName='no-such-stream-boto')",
                "    raise SystemExit('expected an error')",
                "except c.exceptions.ResourceNotFoundException as e:",
                "    print('code', e.response['Error']['Code'])",
                "print('ok')");
        Run run = run(List.of("python3", "-c", script, WHARF.endpoint().toString(), name("boto")));
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("event from boto3 0").contains("code ResourceNotFoundException").contains("ok");
    }
}
