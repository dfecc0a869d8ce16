package io.wharf.it.auth;

import io.wharf.testkit.Clients;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Helpers shared by the identity-and-access suites: clients acting as any identity (closed after each test), IAM users
 * with keys, AWS's error assertions. Each suite registers its own server (enforce mode unless it says otherwise).
 */
abstract class AuthTestBase {
    static final String ACCOUNT = "000000000000";
    static final String OTHER = "111111111111";
    static final String THIRD = "222222222222";
    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for "
            + "details.";
    static final String INVALID_KEY = "The security token included in the request is invalid.";
    static final String INVALID_TOKEN = "The security token included in the request is invalid";
    /** "Signature expired: 20250115T114400Z is now earlier than 20250115T114500Z (20250115T120000Z - 15 min.)" */
    static final String EXPIRED = "Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z "
            + "\\(\\d{8}T\\d{6}Z - 15 min\\.\\)";
    static final String NOT_YET = "Signature not yet current: \\d{8}T\\d{6}Z is still later than \\d{8}T\\d{6}Z "
            + "\\(\\d{8}T\\d{6}Z \\+ 15 min\\.\\)";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final List<AutoCloseable> opened = new ArrayList<>();

    abstract URI endpoint();

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable client : opened) {
            client.close();
        }
        opened.clear();
    }

    <T extends AutoCloseable> T closing(T client) {
        opened.add(client);
        return client;
    }

    static String unique(String base) {
        return base + "-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    static AwsCredentialsProvider basic(String id, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret));
    }

    static AwsCredentialsProvider basic(AccessKey key) {
        return basic(key.accessKeyId(), key.secretAccessKey());
    }

    static AwsCredentialsProvider session(Credentials c) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
                c.sessionToken()));
    }

    SqsClient sqs(AwsCredentialsProvider as) {
        return closing(Clients.sqsBuilder(endpoint()).credentialsProvider(as).build());
    }

    SnsClient sns(AwsCredentialsProvider as) {
        return closing(Clients.snsBuilder(endpoint()).credentialsProvider(as).build());
    }

    KinesisClient kinesis(AwsCredentialsProvider as) {
        return closing(Clients.kinesisBuilder(endpoint()).credentialsProvider(as).build());
    }

    KinesisClient kinesisJson(AwsCredentialsProvider as) {
        return closing(Clients.withCborDisabled(() -> Clients.kinesisBuilder(endpoint()).credentialsProvider(as)
                .build()));
    }

    IamClient iam(AwsCredentialsProvider as) {
        return closing(Clients.iamBuilder(endpoint()).credentialsProvider(as).build());
    }

    StsClient sts(AwsCredentialsProvider as) {
        return closing(Clients.stsBuilder(endpoint()).credentialsProvider(as).build());
    }

    /** A new IAM user of the default account (made by its root) with one access key. */
    AccessKey userWithKey(String name) {
        IamClient root = iam(Clients.CREDENTIALS);
        root.createUser(r -> r.userName(name));
        return root.createAccessKey(r -> r.userName(name)).accessKey();
    }

    static String userArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":user/" + name;
    }

    /** A policy document of one statement. */
    static String policy(String effect, String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\"}]}";
    }

    /** A queue policy letting SNS deliver from {@code topicArn} (aws:SourceArn), as AWS's docs write it. */
    static String allowSns(String queueArn, String topicArn) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queueArn + "\","
                + "\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"" + topicArn + "\"}}}]}";
    }

    /** The AWS error {@code call} fails with. */
    static AwsServiceException error(Runnable call) {
        AwsServiceException e = catchThrowableOfType(AwsServiceException.class, call::run);
        assertThat(e).as("an AWS error").isNotNull();
        return e;
    }

    /** Code, HTTP status and exact message (null: not checked). */
    static void assertError(AwsServiceException e, String code, int status, String message) {
        assertThat(e.awsErrorDetails().errorCode()).as("code of " + e).isEqualTo(code);
        assertThat(e.statusCode()).as("status of " + e).isEqualTo(status);
        if (message != null) {
            assertThat(e.awsErrorDetails().errorMessage()).as("message").isEqualTo(message);
        }
    }

    /** Code, HTTP status and a message that starts with {@code prefix}. */
    static void assertErrorStarts(AwsServiceException e, String code, int status, String prefix) {
        assertThat(e.awsErrorDetails().errorCode()).as("code of " + e).isEqualTo(code);
        assertThat(e.statusCode()).as("status of " + e).isEqualTo(status);
        assertThat(e.awsErrorDetails().errorMessage()).as("message").startsWith(prefix);
    }

    /** AWS's "User: … is not authorized to perform: … on resource: … because …" sentence. */
    /** SQS SendMessage's Query parameters (for hand-signed, presigned and unsigned requests). */
    static Map<String, String> sendMessage(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "SendMessage");
        params.put("MessageBody", body);
        params.put("Version", "2012-11-05");
        return params;
    }

    static String notAuthorized(String who, String action, String resource, String because) {
        return "User: " + who + " is not authorized to perform: " + action + " on resource: " + resource + " "
                + because;
    }

    /** STS names who was refused what without the reason other services append. */
    static String stsNotAuthorized(String who, String action, String resource) {
        return "User: " + who + " is not authorized to perform: " + action + " on resource: " + resource;
    }

    static String noIdentityPolicy(String action) {
        return "because no identity-based policy allows the " + action + " action";
    }

    static String noResourcePolicy(String action) {
        return "because no resource-based policy allows the " + action + " action";
    }
}
