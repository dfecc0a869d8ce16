package io.wharf.it.sqs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Smoke tests through the AWS CLI and boto3 where they are installed (skipped cleanly where not):
 * other clients than the Java SDK, with other serialisers, must work too.
 */
class CliSmokeIT extends SqsTestBase {

    private record Run(int exit, String out) {
    }

    private Run run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", io.wharf.testkit.Clients.SECRET);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
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

    @Test
    void awsCli() throws Exception {
        assumeTrue(available("aws", "--version"), "AWS CLI not installed");
        String name = unique("cli");
        List<String> base = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint(), "--output", "json", "sqs"));
        Run created = run(concat(base, "create-queue", "--queue-name", name));
        assertThat(created.exit()).as(created.out()).isZero();
        assertThat(created.out()).contains("/000000000000/" + name);
        String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
        Run sent = run(concat(base, "send-message", "--queue-url", url, "--message-body", "from the cli"));
        assertThat(sent.exit()).as(sent.out()).isZero();
        assertThat(sent.out()).contains("MD5OfMessageBody");
        Run received = run(concat(base, "receive-message", "--queue-url", url));
        assertThat(received.exit()).as(received.out()).isZero();
        assertThat(received.out()).contains("from the cli");
        Run missing = run(concat(base, "get-queue-url", "--queue-name", "no-such-queue-cli"));
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.out()).contains("NonExistentQueue");
    }

    @Test
    void awsCliSns() throws Exception {
        assumeTrue(available("aws", "--version"), "AWS CLI not installed");
        List<String> sns = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint(), "--output", "json", "sns"));
        List<String> sqsCli = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint(), "--output", "json", "sqs"));
        String topic = unique("cli-topic");
        Run created = run(concat(sns, "create-topic", "--name", topic));
        assertThat(created.exit()).as(created.out()).isZero();
        assertThat(created.out()).contains("arn:aws:sns:us-east-1:000000000000:" + topic);
        String topicArn = "arn:aws:sns:us-east-1:000000000000:" + topic;
        String queue = unique("cli-sub");
        String url = sqs.createQueue(r -> r.queueName(queue)).queueUrl();
        String queueArn = "arn:aws:sqs:us-east-1:000000000000:" + queue;
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(Map.of("Policy", "{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},"
                + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queueArn + "\",\"Condition\":{\"ArnEquals\":"
                + "{\"aws:SourceArn\":\"" + topicArn + "\"}}}]}")));
        Run subscribed = run(concat(sns, "subscribe", "--topic-arn", topicArn, "--protocol", "sqs",
                "--notification-endpoint", "arn:aws:sqs:us-east-1:000000000000:" + queue));
        assertThat(subscribed.exit()).as(subscribed.out()).isZero();
        Run published = run(concat(sns, "publish", "--topic-arn", topicArn, "--message", "from the cli"));
        assertThat(published.exit()).as(published.out()).isZero();
        assertThat(published.out()).contains("MessageId");
        Run received = run(concat(sqsCli, "receive-message", "--queue-url", url, "--wait-time-seconds", "5"));
        assertThat(received.exit()).as(received.out()).isZero();
        assertThat(received.out()).contains("from the cli").contains("Notification");
        Run missing = run(concat(sns, "get-topic-attributes", "--topic-arn", topicArn + "-nope"));
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.out()).contains("NotFound");
    }

    @Test
    void boto3() throws Exception {
        assumeTrue(available("python3", "-c", "import boto3"), "boto3 not installed");
        String name = unique("boto");
        String script = String.join("\n",
                "import boto3, sys",
                "c = boto3.client('sqs', endpoint_url=sys.argv[1], region_name='us-east-1')",
                "url = c.create_queue(QueueName=sys.argv[2], Attributes={'DelaySeconds': '0'})['QueueUrl']",
                "c.send_message(QueueUrl=url, MessageBody='from boto3', MessageAttributes={'n': {'DataType': 'Number', 'StringValue': '42'}})",
                "m = c.receive_message(QueueUrl=url, MessageAttributeNames=['All'])['Messages'][0]",
                "assert m['Body'] == 'from boto3', m",
                "assert m['MessageAttributes']['n']['StringValue'] == '42', m",
                "c.delete_message(QueueUrl=url, ReceiptHandle=m['ReceiptHandle'])",
                "try:",
                "    c.get_queue_url(QueueName='no-such-queue-boto')",
                "    raise SystemExit('expected an error')",
                "except c.exceptions.QueueDoesNotExist as e:",
                "    print('code', e.response['Error']['Code'])",
                "print('ok', url)");
        Run run = run(List.of("python3", "-c", script, endpoint(), name));
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("ok http").contains("code AWS.SimpleQueueService.NonExistentQueue");
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }
}
