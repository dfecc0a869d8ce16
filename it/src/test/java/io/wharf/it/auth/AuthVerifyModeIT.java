package io.wharf.it.auth;

import io.wharf.protocol.auth.AuthMode;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --auth verify}: every signature is checked as in enforce mode, but no policy is evaluated — a user without
 * policies and another account's root are served; an unsigned request is refused even where a queue policy would
 * grant {@code "*"} (there are no anonymous callers without policies to admit them).
 */
class AuthVerifyModeIT extends AuthTestBase {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().auth(AuthMode.VERIFY).build();

    @Override
    URI endpoint() {
        return WHARF.endpoint();
    }

    @Test
    void signaturesAreCheckedPoliciesAreNot() {
        assertErrorStarts(error(() -> sqs(basic(Clients.ACCESS_KEY_ID, "not-the-secret")).listQueues()),
                "SignatureDoesNotMatch", 403, SIGNATURE_MISMATCH);
        assertError(error(() -> kinesis(basic("AKIAIOSFODNN7EXAMPLE", Clients.SECRET)).listStreams()),
                "UnrecognizedClientException", 400, INVALID_KEY);

        String name = unique("verify-user");
        AccessKey key = userWithKey(name);
        SqsClient user = sqs(basic(key));
        String url = user.createQueue(r -> r.queueName(unique("verify"))).queueUrl();
        user.sendMessage(r -> r.queueUrl(url).messageBody("no policy needed"));
        // another account's root reaches the default account's queue: nothing evaluates the queue policy
        assertThat(sqs(Clients.credentials(OTHER)).sendMessage(r -> r.queueUrl(url).messageBody("m")).messageId())
                .isNotBlank();
        assertThat(sts(basic(key)).getCallerIdentity().arn()).isEqualTo(userArn(name));
    }

    @Test
    void anUnsignedRequestIsRefusedEvenWhereAQueuePolicyGrantsEveryone() {
        SqsClient sqs = sqs(Clients.CREDENTIALS);
        String name = unique("public");
        String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(Map.of("Policy",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                        + "\"Action\":\"sqs:*\",\"Resource\":\"*\"}]}")));
        Map<String, String> send = new LinkedHashMap<>();
        send.put("Action", "SendMessage");
        send.put("MessageBody", "anonymous");
        send.put("Version", "2012-11-05");
        HandSigned.Answer refused = HandSigned.form(endpoint(), "sqs", "/" + ACCOUNT + "/" + name, send).send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("AccessDenied");
        assertThat(refused.message()).isEqualTo("Access to the resource " + url + " is denied.");
        Map<String, String> topics = new LinkedHashMap<>();
        topics.put("Action", "ListTopics");
        topics.put("Version", "2010-03-31");
        HandSigned.Answer sns = HandSigned.form(endpoint(), "sns", "/", topics).send();
        assertThat(sns.status()).isEqualTo(403);
        assertThat(sns.code()).isEqualTo("MissingAuthenticationToken");
    }
}
