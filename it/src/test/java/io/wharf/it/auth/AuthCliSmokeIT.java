package io.wharf.it.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.protocol.auth.AuthMode;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AWS CLI and boto3 (botocore's own SigV4 signer) against enforce mode, where installed (skipped cleanly where
 * not; each run killed after 90 s): the right key works, a wrong secret is SignatureDoesNotMatch (Query family) or
 * InvalidSignatureException (Kinesis), GetCallerIdentity names the caller, and a key made with
 * {@code aws iam create-access-key} signs in as its user.
 */
class AuthCliSmokeIT extends AuthTestBase {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().auth(AuthMode.ENFORCE)
            .configure(c -> c.kinesisTransitionMillis(0)).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    URI endpoint() {
        return WHARF.endpoint();
    }

    private record Run(int exit, String out) {
    }

    private static Run run(String keyId, String secret, List<String> command) throws Exception {
        File output = File.createTempFile("wharf-cli", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
            Map<String, String> env = builder.environment();
            env.put("AWS_ACCESS_KEY_ID", keyId);
            env.put("AWS_SECRET_ACCESS_KEY", secret);
            env.remove("AWS_SESSION_TOKEN");
            env.remove("AWS_PROFILE");
            env.put("AWS_DEFAULT_REGION", "us-east-1");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            env.put("AWS_PAGER", "");
            env.put("AWS_MAX_ATTEMPTS", "1");
            env.put("AWS_RETRY_MODE", "standard");
            Process process = builder.start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after 90 s: " + command);
            }
            return new Run(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }

    private Run aws(String keyId, String secret, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint().toString(),
                "--output", "json"));
        command.addAll(List.of(arguments));
        return run(keyId, secret, command);
    }

    private static boolean available(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void awsCliSignsInAndIsRefusedWithAWrongSecret() throws Exception {
        assumeTrue(available("aws", "--version"), "AWS CLI not installed");
        String key = Clients.ACCESS_KEY_ID;
        Run me = aws(key, Clients.SECRET, "sts", "get-caller-identity");
        assertThat(me.exit()).as(me.out()).isZero();
        assertThat(JSON.readTree(me.out()).path("Arn").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        Run created = aws(key, Clients.SECRET, "sqs", "create-queue", "--queue-name", unique("cli"));
        assertThat(created.exit()).as(created.out()).isZero();
        Run stream = aws(key, Clients.SECRET, "kinesis", "create-stream", "--stream-name", unique("cli"),
                "--shard-count", "1");
        assertThat(stream.exit()).as(stream.out()).isZero();

        for (String[] call : List.of(new String[] {"sqs", "list-queues"}, new String[] {"sns", "list-topics"},
                new String[] {"sts", "get-caller-identity"}, new String[] {"iam", "list-users"})) {
            Run forged = aws(key, "not-the-secret", call);
            assertThat(forged.exit()).as(forged.out()).isNotZero();
            assertThat(forged.out()).contains("(SignatureDoesNotMatch)")
                    .contains("The request signature we calculated does not match the signature you provided");
        }
        Run kinesis = aws(key, "not-the-secret", "kinesis", "list-streams");
        assertThat(kinesis.exit()).isNotZero();
        assertThat(kinesis.out()).contains("(InvalidSignatureException)");
        Run unknown = aws("AKIAIOSFODNN7EXAMPLE", Clients.SECRET, "sqs", "list-queues");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.out()).contains("(InvalidClientTokenId)")
                .contains("The security token included in the request is invalid.");
    }

    @Test
    void aKeyMadeWithTheCliSignsInAsItsUser() throws Exception {
        assumeTrue(available("aws", "--version"), "AWS CLI not installed");
        String name = unique("cli-user");
        Run user = aws(Clients.ACCESS_KEY_ID, Clients.SECRET, "iam", "create-user", "--user-name", name);
        assertThat(user.exit()).as(user.out()).isZero();
        Run key = aws(Clients.ACCESS_KEY_ID, Clients.SECRET, "iam", "create-access-key", "--user-name", name);
        assertThat(key.exit()).as(key.out()).isZero();
        JsonNode accessKey = JSON.readTree(key.out()).path("AccessKey");
        String id = accessKey.path("AccessKeyId").asText();
        String secret = accessKey.path("SecretAccessKey").asText();
        assertThat(id).startsWith("AKIA");

        Run me = aws(id, secret, "sts", "get-caller-identity");
        assertThat(me.exit()).as(me.out()).isZero();
        assertThat(JSON.readTree(me.out()).path("Arn").asText()).isEqualTo(userArn(name));
        Run denied = aws(id, secret, "sqs", "list-queues");
        assertThat(denied.exit()).isNotZero();
        assertThat(denied.out()).contains("(AccessDenied)").contains("User: " + userArn(name)
                + " is not authorized to perform: sqs:listqueues");
        Run granted = aws(Clients.ACCESS_KEY_ID, Clients.SECRET, "iam", "attach-user-policy", "--user-name", name,
                "--policy-arn", "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
        assertThat(granted.exit()).as(granted.out()).isZero();
        Run listed = aws(id, secret, "sqs", "list-queues");
        assertThat(listed.exit()).as(listed.out()).isZero();
    }

    @Test
    void boto3SignsInAndIsRefusedWithAWrongSecret() throws Exception {
        assumeTrue(available("python3", "-c", "import boto3"), "boto3 not installed");
        String script = String.join("\n",
                "import boto3, sys, botocore.config",
                "cfg = botocore.config.Config(retries={'max_attempts': 1})",
                "def c(service, secret):",
                "    return boto3.client(service, endpoint_url=sys.argv[1], region_name='us-east-1',",
                "        aws_access_key_id=sys.argv[2], aws_secret_access_key=secret, config=cfg)",
                "good = sys.argv[3]",
                "print('arn', c('sts', good).get_caller_identity()['Arn'])",
                "url = c('sqs', good).create_queue(QueueName=sys.argv[4])['QueueUrl']",
                "c('sqs', good).send_message(QueueUrl=url, MessageBody='from boto3')",
                "print('topic', c('sns', good).create_topic(Name=sys.argv[4])['TopicArn'])",
                "print('streams', c('kinesis', good).list_streams()['StreamNames'] is not None)",
                "for service, call in [('sqs', 'list_queues'), ('sns', 'list_topics'), ('kinesis', 'list_streams'),",
                "                      ('iam', 'list_users'), ('sts', 'get_caller_identity')]:",
                "    try:",
                "        getattr(c(service, 'not-the-secret'), call)()",
                "        print('accepted', service)",
                "    except botocore.exceptions.ClientError as e:",
                "        print('refused', service, e.response['Error']['Code'],",
                "              e.response['ResponseMetadata']['HTTPStatusCode'])",
                "");
        Run run = run(Clients.ACCESS_KEY_ID, Clients.SECRET, List.of("python3", "-c",
                "import botocore.exceptions\n" + script, endpoint().toString(), Clients.ACCESS_KEY_ID, Clients.SECRET,
                unique("boto")));
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("arn arn:aws:iam::" + ACCOUNT + ":root")
                .contains("topic arn:aws:sns:us-east-1:" + ACCOUNT + ":").contains("streams True")
                .contains("refused sqs SignatureDoesNotMatch 403")
                .contains("refused sns SignatureDoesNotMatch 403")
                .contains("refused kinesis InvalidSignatureException 400")
                .contains("refused iam SignatureDoesNotMatch 403")
                .contains("refused sts SignatureDoesNotMatch 403")
                .doesNotContain("accepted");
    }
}
