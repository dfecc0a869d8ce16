package io.wharf.it.auth;

import io.wharf.protocol.auth.AuthMode;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.utils.AttributeMap;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What enforce mode lets through: every SDK client signing with the right key (HTTP/1.1, HTTP/2 and the TLS port),
 * presigned SQS and SNS URLs inside AWS's 15-minute window (and not outside it), temporary credentials from AssumeRole
 * and GetSessionToken (token in a header and in a presigned URL), and GetCallerIdentity naming the root, an IAM user and
 * an assumed role.
 */
class AuthAcceptanceIT extends AuthTestBase {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().auth(AuthMode.ENFORCE)
            .configure(c -> c.tlsPort(0).kinesisTransitionMillis(0)).build();

    private static final List<AutoCloseable> HTTP_CLIENTS = new CopyOnWriteArrayList<>();

    @Override
    URI endpoint() {
        return WHARF.endpoint();
    }

    private static URI tls() {
        return URI.create(WHARF.wharf().tlsEndpoint());
    }

    @AfterAll
    static void closeHttpClients() throws Exception {
        for (AutoCloseable client : HTTP_CLIENTS) {
            client.close();
        }
    }

    /** Trusts Wharf's self-signed certificate (a test setting; users trust the certificate file). */
    private static SdkHttpClient trustingApache() {
        SdkHttpClient client = ApacheHttpClient.builder().buildWithDefaults(AttributeMap.builder()
                .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build());
        HTTP_CLIENTS.add(client);
        return client;
    }

    private static SdkAsyncHttpClient trustingNetty(Protocol protocol) {
        SdkAsyncHttpClient client = NettyNioAsyncHttpClient.builder().protocol(protocol)
                .buildWithDefaults(AttributeMap.builder()
                        .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build());
        HTTP_CLIENTS.add(client);
        return client;
    }

    // ---------------------------------------------------------------- every client, the right key

    private static void roundTrip(SqsClient sqs) {
        String url = sqs.createQueue(r -> r.queueName(unique("accept"))).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("signed"));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(2)).messages())
                .extracting(Message::body).containsExactly("signed");
    }

    @Test
    void everySyncClientSignsItsWayIn() {
        roundTrip(sqs(Clients.CREDENTIALS));
        SnsClient sns = sns(Clients.CREDENTIALS);
        String topic = sns.createTopic(r -> r.name(unique("accept"))).topicArn();
        assertThat(sns.publish(r -> r.topicArn(topic).message("m")).messageId()).isNotBlank();
        for (KinesisClient kinesis : List.of(kinesis(Clients.CREDENTIALS), kinesisJson(Clients.CREDENTIALS))) {
            String stream = unique("accept");
            kinesis.createStream(r -> r.streamName(stream).shardCount(1));
            assertThat(kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
                    .streamName()).isEqualTo(stream);
        }
        assertThat(iam(Clients.CREDENTIALS).listUsers().users()).isNotNull();
        assertThat(sts(Clients.CREDENTIALS).getCallerIdentity().account()).isEqualTo(ACCOUNT);
        // the other accounts' roots, by their own keys
        assertThat(sts(Clients.credentials(OTHER)).getCallerIdentity().arn())
                .isEqualTo("arn:aws:iam::" + OTHER + ":root");
        assertThat(sts(Clients.credentials(THIRD)).getCallerIdentity().arn())
                .isEqualTo("arn:aws:iam::" + THIRD + ":root");
    }

    @Test
    void theAsyncClientsSignOverHttp11AndHttp2() throws Exception {
        try (SqsAsyncClient h1 = Clients.sqsAsync(endpoint());
             SqsAsyncClient h2 = Clients.sqsAsyncBuilder(endpoint()).httpClientBuilder(
                     NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2)).build()) {
            for (SqsAsyncClient sqs : List.of(h1, h2)) {
                String url = sqs.createQueue(r -> r.queueName(unique("async"))).get().queueUrl();
                List<CompletableFuture<?>> sends = new java.util.ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    sends.add(sqs.sendMessage(r -> r.queueUrl(url).messageBody("async")));
                }
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings(
                        "ApproximateNumberOfMessages")).get().attributesAsStrings()
                        .get("ApproximateNumberOfMessages")).isEqualTo("10");
            }
        }
    }

    @Test
    void subscribeToShardOverHttp2IsSignedAndStreams() throws Exception {
        KinesisClient kinesis = kinesis(Clients.CREDENTIALS);
        String stream = unique("efo");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        String streamArn = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
                .streamARN();
        ConsumerDescription consumer = null;
        String consumerArn = kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("c")).consumer()
                .consumerARN();
        for (int i = 0; i < 100; i++) {
            consumer = kinesis.describeStreamConsumer(r -> r.consumerARN(consumerArn)).consumerDescription();
            if (consumer.consumerStatusAsString().equals("ACTIVE")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(consumer.consumerStatusAsString()).isEqualTo("ACTIVE");
        kinesis.putRecord(r -> r.streamName(stream).partitionKey("k")
                .data(software.amazon.awssdk.core.SdkBytes.fromUtf8String("over h2")));
        List<String> records = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        try (KinesisAsyncClient async = Clients.kinesisAsync(endpoint())) {
            CompletableFuture<Void> call = async.subscribeToShard(r -> r.consumerARN(consumerArn)
                            .shardId("shardId-000000000000").startingPosition(p -> p.type("TRIM_HORIZON")),
                    SubscribeToShardResponseHandler.builder().subscriber(event -> {
                        if (event instanceof SubscribeToShardEvent e) {
                            e.records().forEach(rec -> records.add(rec.data().asUtf8String()));
                            if (!records.isEmpty()) {
                                done.complete(null);
                            }
                        }
                    }).onError(done::completeExceptionally).build());
            done.get(30, TimeUnit.SECONDS);
            call.cancel(true);
        }
        assertThat(records).containsExactly("over h2");
    }

    @Test
    void theTlsPortVerifiesSignaturesToo() throws Exception {
        roundTrip(closing(Clients.sqsBuilder(tls()).httpClientBuilder(null).httpClient(trustingApache()).build()));
        try (SqsAsyncClient h2 = Clients.sqsAsyncBuilder(tls()).httpClientBuilder(null)
                .httpClient(trustingNetty(Protocol.HTTP2)).build()) {
            assertThat(h2.createQueue(r -> r.queueName(unique("tls-h2"))).get().queueUrl()).startsWith("http");
        }
        try (KinesisAsyncClient kinesis = Clients.kinesisAsyncBuilder(tls()).httpClientBuilder(null)
                .httpClient(trustingNetty(Protocol.HTTP2)).build()) {
            assertThat(kinesis.listStreams().get(30, TimeUnit.SECONDS).streamNames()).isNotNull();
        }
        SnsClient sns = closing(Clients.snsBuilder(tls()).httpClientBuilder(null).httpClient(trustingApache()).build());
        assertThat(sns.listTopics().topics()).isNotNull();
        // a wrong secret is refused on the TLS port as on the plain one
        SqsClient forged = closing(Clients.sqsBuilder(tls()).httpClientBuilder(null).httpClient(trustingApache())
                .credentialsProvider(basic(Clients.ACCESS_KEY_ID, "not-the-secret")).build());
        assertErrorStarts(error(forged::listQueues), "SignatureDoesNotMatch", 403, SIGNATURE_MISMATCH);
    }

    // ---------------------------------------------------------------- presigned URLs

    @Test
    void aPresignedSqsUrlSendsAndIsHeldToFifteenMinutes() {
        SqsClient sqs = sqs(Clients.CREDENTIALS);
        String name = unique("presigned");
        String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        String path = "/" + ACCOUNT + "/" + name;

        HandSigned.Answer sent = HandSigned.get(endpoint(), "sqs", path, sendMessage("by a presigned URL"))
                .presign(Duration.ofMinutes(5)).send();
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.body()).contains("<MD5OfMessageBody>");
        // the same with QueueUrl as a parameter, to the root path
        Map<String, String> withUrl = sendMessage("to the root path");
        withUrl.put("QueueUrl", url);
        assertThat(HandSigned.get(endpoint(), "sqs", "/", withUrl).presign(Duration.ofMinutes(5)).send().status())
                .isEqualTo(200);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(2)).messages())
                .extracting(Message::body).containsExactlyInAnyOrder("by a presigned URL", "to the root path");

        // X-Amz-Expires does not make it live longer than AWS's window for non-S3 services...
        HandSigned.Answer expired = HandSigned.get(endpoint(), "sqs", path, sendMessage("late"))
                .signedAt(Duration.ofMinutes(-16)).presign(Duration.ofHours(1)).send();
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(expired.message()).matches(EXPIRED);
        HandSigned.Answer early = HandSigned.get(endpoint(), "sqs", path, sendMessage("early"))
                .signedAt(Duration.ofMinutes(16)).presign(Duration.ofMinutes(5)).send();
        assertThat(early.status()).isEqualTo(403);
        assertThat(early.message()).matches(NOT_YET);
        // ...but a shorter X-Amz-Expires ends it earlier (Wharf's documented choice, the safer reading): a 60-second URL
        // signed two minutes ago has expired, one signed 30 seconds ago has not
        HandSigned.Answer shortLived = HandSigned.get(endpoint(), "sqs", path, sendMessage("short-lived"))
                .signedAt(Duration.ofMinutes(-2)).presign(Duration.ofSeconds(60)).send();
        assertThat(shortLived.status()).isEqualTo(403);
        assertThat(shortLived.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(shortLived.message()).isEqualTo("Request has expired");
        assertThat(HandSigned.get(endpoint(), "sqs", path, sendMessage("fresh"))
                .signedAt(Duration.ofSeconds(-30)).presign(Duration.ofSeconds(60)).send().status()).isEqualTo(200);

        // a parameter changed after presigning
        HandSigned tampered = HandSigned.get(endpoint(), "sqs", path, sendMessage("original"))
                .presign(Duration.ofMinutes(5));
        tampered.query(tampered.query().replace("MessageBody=original", "MessageBody=forged"));
        HandSigned.Answer refused = tampered.send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(refused.message()).startsWith(SIGNATURE_MISMATCH);
    }

    @Test
    void aPresignedSnsPublishUrlPublishes() {
        SnsClient sns = sns(Clients.CREDENTIALS);
        SqsClient sqs = sqs(Clients.CREDENTIALS);
        String topic = sns.createTopic(r -> r.name(unique("presigned"))).topicArn();
        String queueName = unique("presigned-sub");
        String queueUrl = sqs.createQueue(r -> r.queueName(queueName)).queueUrl();
        String queueArn = "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + queueName;
        sqs.setQueueAttributes(r -> r.queueUrl(queueUrl).attributesWithStrings(Map.of("Policy",
                allowSns(queueArn, topic))));
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "true")));

        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "Publish");
        params.put("TopicArn", topic);
        params.put("Message", "by a presigned URL");
        params.put("Version", "2010-03-31");
        HandSigned.Answer published = HandSigned.get(endpoint(), "sns", "/", params).presign(Duration.ofMinutes(5))
                .send();
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.body()).contains("<MessageId>");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5)).messages())
                .extracting(Message::body).containsExactly("by a presigned URL");

        HandSigned.Answer expired = HandSigned.get(endpoint(), "sns", "/", params).signedAt(Duration.ofMinutes(-20))
                .presign(Duration.ofHours(1)).send();
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(expired.message()).matches(EXPIRED);
    }

    // ---------------------------------------------------------------- temporary credentials

    @Test
    void sessionCredentialsFromGetSessionTokenWork() {
        Credentials rootSession = sts(Clients.CREDENTIALS).getSessionToken(r -> r.durationSeconds(900)).credentials();
        roundTrip(sqs(session(rootSession)));
        assertThat(sts(session(rootSession)).getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");

        String name = unique("session-user");
        AccessKey key = userWithKey(name);
        iam(Clients.CREDENTIALS).putUserPolicy(r -> r.userName(name).policyName("sqs")
                .policyDocument(policy("Allow", "sqs:*", "*")));
        Credentials userSession = sts(basic(key)).getSessionToken(r -> r.durationSeconds(900)).credentials();
        assertThat(userSession.accessKeyId()).startsWith("ASIA");
        roundTrip(sqs(session(userSession)));
        GetCallerIdentityResponse me = sts(session(userSession)).getCallerIdentity();
        assertThat(me.arn()).isEqualTo(userArn(name));
        // the session acts with the user's policies: nothing allows SNS
        assertError(error(() -> sns(session(userSession)).listTopics()), "AuthorizationError", 403,
                notAuthorized(userArn(name), "SNS:ListTopics", "*", noIdentityPolicy("SNS:ListTopics")));

        // the token in a presigned URL (X-Amz-Security-Token in the query)
        String queue = unique("session-presigned");
        sqs(Clients.CREDENTIALS).createQueue(r -> r.queueName(queue));
        HandSigned presigned = HandSigned.get(endpoint(), "sqs", "/" + ACCOUNT + "/" + queue,
                        sendMessage("with a token"))
                .session(userSession.accessKeyId(), userSession.secretAccessKey(), userSession.sessionToken())
                .presign(Duration.ofMinutes(5));
        assertThat(presigned.query()).contains("X-Amz-Security-Token=");
        assertThat(presigned.send().status()).isEqualTo(200);
    }

    @Test
    void assumedRoleCredentialsActWithTheRolesPolicies() {
        IamClient root = iam(Clients.CREDENTIALS);
        String role = unique("worker");
        String roleArn = root.createRole(r -> r.roleName(role).assumeRolePolicyDocument(trustAccountRoot(ACCOUNT)))
                .role().arn();
        root.putRolePolicy(r -> r.roleName(role).policyName("sqs").policyDocument(policy("Allow", "sqs:*", "*")));
        AssumeRoleResponse assumed = sts(Clients.CREDENTIALS).assumeRole(r -> r.roleArn(roleArn)
                .roleSessionName("build-42").durationSeconds(900));
        Credentials c = assumed.credentials();
        String sessionArn = "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/build-42";
        assertThat(assumed.assumedRoleUser().arn()).isEqualTo(sessionArn);

        GetCallerIdentityResponse me = sts(session(c)).getCallerIdentity();
        assertThat(me.arn()).isEqualTo(sessionArn);
        assertThat(me.account()).isEqualTo(ACCOUNT);
        assertThat(me.userId()).endsWith(":build-42").startsWith("AROA");
        roundTrip(sqs(session(c)));
        assertError(error(() -> kinesis(session(c)).listStreams()), "AccessDeniedException", 400,
                notAuthorized(sessionArn, "kinesis:ListStreams", "*", noIdentityPolicy("kinesis:ListStreams")));
    }

    static String trustAccountRoot(String account) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::" + account + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    @Test
    void callerIdentityNamesRootUserAndRole() {
        assertThat(sts(Clients.CREDENTIALS).getCallerIdentity()).satisfies(me -> {
            assertThat(me.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
            assertThat(me.userId()).isEqualTo(ACCOUNT);
            assertThat(me.account()).isEqualTo(ACCOUNT);
        });
        String name = unique("whoami");
        AccessKey key = userWithKey(name);
        // GetCallerIdentity needs no permission: a user without policies may call it
        GetCallerIdentityResponse user = sts(basic(key)).getCallerIdentity();
        assertThat(user.arn()).isEqualTo(userArn(name));
        assertThat(user.userId()).startsWith("AIDA");
        assertThat(user.account()).isEqualTo(ACCOUNT);
        AwsCredentialsProvider other = Clients.credentials(OTHER);
        assertThat(sts(other).getCallerIdentity().account()).isEqualTo(OTHER);
    }
}
