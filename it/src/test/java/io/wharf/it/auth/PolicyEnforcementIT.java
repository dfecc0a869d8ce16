package io.wharf.it.auth;

import io.wharf.protocol.auth.AuthMode;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.utils.AttributeMap;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identity policies end to end in enforce mode: a user without policies is refused by every service in its own words
 * (SQS AccessDenied 403 with the action in lower case, SNS AuthorizationError 403 with {@code SNS:Publish}, Kinesis
 * AccessDeniedException 400, IAM AccessDenied 403), then let in by an inline, a managed and a group policy; explicit
 * denies win; the global condition keys {@code aws:SourceIp}, {@code aws:SecureTransport} and
 * {@code aws:ResourceTag/…} decide; role trust policies decide AssumeRole and the session acts with the role's
 * policies.
 */
class PolicyEnforcementIT extends AuthTestBase {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().auth(AuthMode.ENFORCE)
            .configure(c -> c.tlsPort(0).kinesisTransitionMillis(0)).build();

    private static SdkHttpClient trusting;

    @Override
    URI endpoint() {
        return WHARF.endpoint();
    }

    @AfterAll
    static void closeHttp() {
        if (trusting != null) {
            trusting.close();
        }
    }

    private IamClient root() {
        return iam(Clients.CREDENTIALS);
    }

    private String queueArn(String name) {
        return "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + name;
    }

    private String queue(String name) {
        return sqs(Clients.CREDENTIALS).createQueue(r -> r.queueName(name)).queueUrl();
    }

    @Test
    void aUserWithoutPoliciesIsRefusedInEachServicesWordsThenLetInByEachKindOfPolicy() {
        String name = unique("nobody");
        AccessKey key = userWithKey(name);
        AwsCredentialsProvider as = basic(key);
        String user = userArn(name);
        String queueName = unique("q");
        String url = queue(queueName);
        String topic = sns(Clients.CREDENTIALS).createTopic(r -> r.name(unique("t"))).topicArn();
        String stream = unique("s");
        kinesis(Clients.CREDENTIALS).createStream(r -> r.streamName(stream).shardCount(1));
        String streamArn = "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/" + stream;

        SqsClient sqs = sqs(as);
        SnsClient sns = sns(as);
        KinesisClient kinesis = kinesis(as);
        KinesisClient kinesisJson = kinesisJson(as);
        assertError(error(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("m"))), "AccessDenied", 403,
                notAuthorized(user, "sqs:sendmessage", queueArn(queueName), noIdentityPolicy("sqs:sendmessage")));
        assertError(error(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(e -> e.id("1").messageBody("m")))),
                "AccessDenied", 403,
                notAuthorized(user, "sqs:sendmessage", queueArn(queueName), noIdentityPolicy("sqs:sendmessage")));
        assertError(error(() -> sns.publish(r -> r.topicArn(topic).message("m"))), "AuthorizationError", 403,
                notAuthorized(user, "SNS:Publish", topic, noIdentityPolicy("SNS:Publish")));
        for (KinesisClient client : new KinesisClient[] {kinesis, kinesisJson}) {
            assertError(error(() -> client.putRecord(r -> r.streamName(stream).partitionKey("k")
                            .data(SdkBytes.fromUtf8String("d")))), "AccessDeniedException", 400,
                    notAuthorized(user, "kinesis:PutRecord", streamArn, noIdentityPolicy("kinesis:PutRecord")));
        }
        assertErrorStarts(error(() -> iam(as).listUsers()), "AccessDenied", 403,
                "User: " + user + " is not authorized to perform: iam:ListUsers on resource: ");

        // an inline user policy
        root().putUserPolicy(r -> r.userName(name).policyName("send")
                .policyDocument(policy("Allow", "sqs:SendMessage", queueArn(queueName))));
        assertThat(sqs.sendMessage(r -> r.queueUrl(url).messageBody("m")).messageId()).isNotBlank();
        assertThat(sqs.sendMessageBatch(r -> r.queueUrl(url).entries(e -> e.id("1").messageBody("m"))).successful())
                .hasSize(1);
        // only what it names
        assertError(error(() -> sqs.receiveMessage(r -> r.queueUrl(url))), "AccessDenied", 403,
                notAuthorized(user, "sqs:receivemessage", queueArn(queueName), noIdentityPolicy("sqs:receivemessage")));

        // a customer managed policy attached to the user
        String managed = root().createPolicy(r -> r.policyName(unique("publish"))
                .policyDocument(policy("Allow", "sns:Publish", topic))).policy().arn();
        root().attachUserPolicy(r -> r.userName(name).policyArn(managed));
        assertThat(sns.publish(r -> r.topicArn(topic).message("m")).messageId()).isNotBlank();
        root().detachUserPolicy(r -> r.userName(name).policyArn(managed));
        assertError(error(() -> sns.publish(r -> r.topicArn(topic).message("m"))), "AuthorizationError", 403,
                notAuthorized(user, "SNS:Publish", topic, noIdentityPolicy("SNS:Publish")));

        // a group's policy
        String group = unique("writers");
        root().createGroup(r -> r.groupName(group));
        root().putGroupPolicy(r -> r.groupName(group).policyName("put")
                .policyDocument(policy("Allow", "kinesis:PutRecord", "arn:aws:kinesis:*:*:stream/*")));
        root().addUserToGroup(r -> r.groupName(group).userName(name));
        assertThat(kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("d")))
                .sequenceNumber()).isNotBlank();
        assertThat(kinesisJson.putRecord(r -> r.streamName(stream).partitionKey("k")
                .data(SdkBytes.fromUtf8String("d"))).sequenceNumber()).isNotBlank();

        // an AWS managed policy
        root().attachUserPolicy(r -> r.userName(name).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        assertThat(iam(as).listUsers().users()).isNotEmpty();
    }

    @Test
    void anExplicitDenyBeatsEveryAllow() {
        String name = unique("denied");
        AccessKey key = userWithKey(name);
        String user = userArn(name);
        String open = unique("open");
        String closed = unique("closed");
        String openUrl = queue(open);
        String closedUrl = queue(closed);
        root().putUserPolicy(r -> r.userName(name).policyName("all").policyDocument(policy("Allow", "sqs:*", "*")));
        root().putUserPolicy(r -> r.userName(name).policyName("but").policyDocument(
                policy("Deny", "sqs:SendMessage", queueArn(closed))));
        SqsClient sqs = sqs(basic(key));
        sqs.sendMessage(r -> r.queueUrl(openUrl).messageBody("m"));
        assertError(error(() -> sqs.sendMessage(r -> r.queueUrl(closedUrl).messageBody("m"))), "AccessDenied", 403,
                notAuthorized(user, "sqs:sendmessage", queueArn(closed),
                        "with an explicit deny in an identity-based policy"));
        sqs.receiveMessage(r -> r.queueUrl(closedUrl));

        // a queue policy's Deny wins over the user's Allow, and over the account root too
        sqs(Clients.CREDENTIALS).setQueueAttributes(r -> r.queueUrl(openUrl).attributesWithStrings(Map.of("Policy",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
                        + "\"Action\":\"sqs:ReceiveMessage\",\"Resource\":\"" + queueArn(open) + "\"}]}")));
        assertError(error(() -> sqs.receiveMessage(r -> r.queueUrl(openUrl))), "AccessDenied", 403,
                notAuthorized(user, "sqs:receivemessage", queueArn(open),
                        "with an explicit deny in a resource-based policy"));
        assertError(error(() -> sqs(Clients.CREDENTIALS).receiveMessage(r -> r.queueUrl(openUrl))), "AccessDenied",
                403, notAuthorized("arn:aws:iam::" + ACCOUNT + ":root", "sqs:receivemessage", queueArn(open),
                        "with an explicit deny in a resource-based policy"));
        sqs.sendMessage(r -> r.queueUrl(openUrl).messageBody("still allowed"));
    }

    private static String conditional(String action, String resource, String operator, String key, String value) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\",\"Condition\":{\"" + operator + "\":{\"" + key + "\":\""
                + value + "\"}}}]}";
    }

    /** A SendMessage signed with the user's key over the Query wire, from a chosen loopback address. */
    private HandSigned.Answer sendFrom(String address, AccessKey key, String queueName) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("Action", "SendMessage");
        params.put("MessageBody", "from " + address);
        params.put("Version", "2012-11-05");
        return HandSigned.form(endpoint(), "sqs", "/" + ACCOUNT + "/" + queueName, params)
                .key(key.accessKeyId(), key.secretAccessKey()).sign().from(address).send();
    }

    @Test
    void sourceIpIsTheClientsAddress() {
        String name = unique("ip");
        AccessKey key = userWithKey(name);
        String q = unique("ip");
        String url = queue(q);
        SqsClient sqs = sqs(basic(key));
        root().putUserPolicy(r -> r.userName(name).policyName("elsewhere").policyDocument(
                conditional("sqs:SendMessage", "*", "IpAddress", "aws:SourceIp", "203.0.113.0/24")));
        assertError(error(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("m"))), "AccessDenied", 403,
                notAuthorized(userArn(name), "sqs:sendmessage", queueArn(q), noIdentityPolicy("sqs:sendmessage")));

        // only 127.0.0.2: a client connecting from there is let in, one from 127.0.0.1 is not
        root().putUserPolicy(r -> r.userName(name).policyName("elsewhere").policyDocument(
                conditional("sqs:SendMessage", "*", "IpAddress", "aws:SourceIp", "127.0.0.2/32")));
        HandSigned.Answer fromTwo = sendFrom("127.0.0.2", key, q);
        assertThat(fromTwo.status()).as(fromTwo.body()).isEqualTo(200);
        HandSigned.Answer fromOne = sendFrom("127.0.0.1", key, q);
        assertThat(fromOne.status()).isEqualTo(403);
        assertThat(fromOne.code()).isEqualTo("AccessDenied");
        assertThat(fromOne.message()).isEqualTo(notAuthorized(userArn(name), "sqs:sendmessage", queueArn(q),
                noIdentityPolicy("sqs:sendmessage")));

        // a Deny for everyone outside 127.0.0.2 beats the allow for the whole loopback range
        root().putUserPolicy(r -> r.userName(name).policyName("elsewhere").policyDocument(
                conditional("sqs:SendMessage", "*", "IpAddress", "aws:SourceIp", "127.0.0.0/8")));
        root().putUserPolicy(r -> r.userName(name).policyName("not-from-here").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"sqs:*\",\"Resource\":"
                        + "\"*\",\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":\"127.0.0.2/32\"}}}]}"));
        assertThat(sendFrom("127.0.0.2", key, q).status()).isEqualTo(200);
        assertError(error(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("m"))), "AccessDenied", 403,
                notAuthorized(userArn(name), "sqs:sendmessage", queueArn(q),
                        "with an explicit deny in an identity-based policy"));
    }

    @Test
    void secureTransportDecides() {
        String name = unique("tls");
        AccessKey key = userWithKey(name);
        root().putUserPolicy(r -> r.userName(name).policyName("tls-only").policyDocument(
                conditional("sqs:*", "*", "Bool", "aws:SecureTransport", "true")));
        String q = unique("tls");
        String url = queue(q);
        assertError(error(() -> sqs(basic(key)).sendMessage(r -> r.queueUrl(url).messageBody("m"))), "AccessDenied",
                403, notAuthorized(userArn(name), "sqs:sendmessage", queueArn(q), noIdentityPolicy("sqs:sendmessage")));
        if (trusting == null) {
            trusting = ApacheHttpClient.builder().buildWithDefaults(AttributeMap.builder()
                    .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build());
        }
        SqsClient overTls = closing(Clients.sqsBuilder(URI.create(WHARF.wharf().tlsEndpoint())).httpClientBuilder(null)
                .httpClient(trusting).credentialsProvider(basic(key)).build());
        assertThat(overTls.sendMessage(r -> r.queueUrl(url).messageBody("m")).messageId()).isNotBlank();
    }

    @Test
    void resourceTagsDecide() {
        String name = unique("tags");
        AccessKey key = userWithKey(name);
        root().putUserPolicy(r -> r.userName(name).policyName("blue-only").policyDocument(
                conditional("sqs:SendMessage", "*", "StringEquals", "aws:ResourceTag/team", "blue")));
        String blue = unique("blue");
        String blueUrl = sqs(Clients.CREDENTIALS).createQueue(r -> r.queueName(blue).tags(Map.of("team", "blue")))
                .queueUrl();
        String red = unique("red");
        String redUrl = sqs(Clients.CREDENTIALS).createQueue(r -> r.queueName(red).tags(Map.of("team", "red")))
                .queueUrl();
        String untagged = unique("untagged");
        String untaggedUrl = queue(untagged);
        SqsClient sqs = sqs(basic(key));
        sqs.sendMessage(r -> r.queueUrl(blueUrl).messageBody("m"));
        assertError(error(() -> sqs.sendMessage(r -> r.queueUrl(redUrl).messageBody("m"))), "AccessDenied", 403,
                notAuthorized(userArn(name), "sqs:sendmessage", queueArn(red), noIdentityPolicy("sqs:sendmessage")));
        assertError(error(() -> sqs.sendMessage(r -> r.queueUrl(untaggedUrl).messageBody("m"))), "AccessDenied",
                403, notAuthorized(userArn(name), "sqs:sendmessage", queueArn(untagged),
                        noIdentityPolicy("sqs:sendmessage")));
        // retagging the red queue lets the user in
        sqs(Clients.CREDENTIALS).tagQueue(r -> r.queueUrl(redUrl).tags(Map.of("team", "blue")));
        sqs.sendMessage(r -> r.queueUrl(redUrl).messageBody("m"));
    }

    @Test
    void aRolesTrustPolicyDecidesWhoAssumesItAndTheSessionActsWithTheRolesPolicies() {
        String alice = unique("alice");
        AccessKey aliceKey = userWithKey(alice);
        String bob = unique("bob");
        AccessKey bobKey = userWithKey(bob);
        String role = unique("publisher");
        String roleArn = root().createRole(r -> r.roleName(role).assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                        + userArn(alice) + "\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
        root().putRolePolicy(r -> r.roleName(role).policyName("publish").policyDocument(
                policy("Allow", "sns:Publish", "*")));

        // the trust policy names alice: she needs no identity policy of her own for it
        Credentials session = sts(basic(aliceKey)).assumeRole(r -> r.roleArn(roleArn).roleSessionName("alice-s"))
                .credentials();
        // bob is not named, and no identity policy of his allows it either
        assertError(error(() -> sts(basic(bobKey)).assumeRole(r -> r.roleArn(roleArn).roleSessionName("bob-s"))),
                "AccessDenied", 403, stsNotAuthorized(userArn(bob), "sts:AssumeRole", roleArn));
        // an identity policy alone does not make up for a trust policy that does not name him
        root().putUserPolicy(r -> r.userName(bob).policyName("assume").policyDocument(
                policy("Allow", "sts:AssumeRole", roleArn)));
        assertError(error(() -> sts(basic(bobKey)).assumeRole(r -> r.roleArn(roleArn).roleSessionName("bob-s"))),
                "AccessDenied", 403, stsNotAuthorized(userArn(bob), "sts:AssumeRole", roleArn));

        String sessionArn = "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/alice-s";
        String topic = sns(Clients.CREDENTIALS).createTopic(r -> r.name(unique("role-topic"))).topicArn();
        assertThat(sns(session(session)).publish(r -> r.topicArn(topic).message("as the role")).messageId())
                .isNotBlank();
        String q = unique("role-q");
        String url = queue(q);
        assertError(error(() -> sqs(session(session)).sendMessage(r -> r.queueUrl(url).messageBody("m"))),
                "AccessDenied", 403, notAuthorized(sessionArn, "sqs:sendmessage", queueArn(q),
                        noIdentityPolicy("sqs:sendmessage")));
        // alice herself still has no SNS permission: the role's policies are the session's, not hers
        assertError(error(() -> sns(basic(aliceKey)).publish(r -> r.topicArn(topic).message("m"))),
                "AuthorizationError", 403, notAuthorized(userArn(alice), "SNS:Publish", topic,
                        noIdentityPolicy("SNS:Publish")));

        // a trust policy naming the account delegates to IAM: then bob's identity policy lets him in
        root().updateAssumeRolePolicy(r -> r.roleName(role).policyDocument(
                AuthAcceptanceIT.trustAccountRoot(ACCOUNT)));
        Credentials bobs = sts(basic(bobKey)).assumeRole(r -> r.roleArn(roleArn).roleSessionName("bob-s"))
                .credentials();
        assertThat(sts(session(bobs)).getCallerIdentity().arn())
                .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/bob-s");
        // and alice, without an identity policy for sts:AssumeRole, is now refused
        assertError(error(() -> sts(basic(aliceKey)).assumeRole(r -> r.roleArn(roleArn).roleSessionName("a2"))),
                "AccessDenied", 403, stsNotAuthorized(userArn(alice), "sts:AssumeRole", roleArn));
        // a session policy narrows the session below the role's policies
        Credentials narrowed = sts(basic(bobKey)).assumeRole(r -> r.roleArn(roleArn).roleSessionName("narrow")
                .policy(policy("Allow", "sns:ListTopics", "*"))).credentials();
        assertError(error(() -> sns(session(narrowed)).publish(r -> r.topicArn(topic).message("m"))),
                "AuthorizationError", 403, notAuthorized("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role
                        + "/narrow", "SNS:Publish", topic, "because no session policy allows the SNS:Publish action"));
    }
}
