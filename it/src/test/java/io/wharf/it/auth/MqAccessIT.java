package io.wharf.it.auth;

import io.wharf.protocol.auth.AuthMode;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.mq.MqClient;
import software.amazon.awssdk.services.mq.model.ForbiddenException;
import software.amazon.awssdk.services.mq.model.MqException;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * With {@code --auth enforce}, MQ asks for {@code mq:<Action>} on the configuration's or broker's ARN (or {@code *}
 * for creating and listing): a user without a policy is refused with ForbiddenException 403 naming the action and
 * resource; a policy on one configuration ARN lets them read that one only; {@code aws:ResourceTag} decides.
 */
class MqAccessIT extends AuthTestBase {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().auth(AuthMode.ENFORCE).build();

    @Override
    URI endpoint() {
        return WHARF.endpoint();
    }

    @SuppressWarnings("deprecation")
    MqClient mq(AwsCredentialsProvider as) {
        return closing(MqClient.builder().endpointOverride(endpoint()).region(Clients.REGION).credentialsProvider(as)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build());
    }

    @Test
    void actionsAreAuthorisedOnTheirResourceArn() {
        MqClient root = mq(Clients.CREDENTIALS);
        var blue = root.createConfiguration(r -> r.name(unique("blue")).engineType("ACTIVEMQ")
                .tags(Map.of("team", "blue")));
        var red = root.createConfiguration(r -> r.name(unique("red")).engineType("ACTIVEMQ")
                .tags(Map.of("team", "red")));
        String name = unique("mq-user");
        AccessKey key = userWithKey(name);
        MqClient user = mq(basic(key));

        MqException denied = catchThrowableOfType(MqException.class, () -> user.listBrokers(r -> { }));
        assertThat(denied).isInstanceOf(ForbiddenException.class);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorMessage()).startsWith("User: " + userArn(name)
                + " is not authorized to perform: mq:ListBrokers on resource: *");
        MqException describe = catchThrowableOfType(MqException.class,
                () -> user.describeConfiguration(r -> r.configurationId(blue.id())));
        assertThat(describe.awsErrorDetails().errorMessage()).contains("mq:DescribeConfiguration on resource: "
                + blue.arn());

        iam(Clients.CREDENTIALS).putUserPolicy(r -> r.userName(name).policyName("blue").policyDocument(
                policy("Allow", "mq:DescribeConfiguration", blue.arn())));
        assertThat(user.describeConfiguration(r -> r.configurationId(blue.id())).name()).isEqualTo(blue.name());
        assertThat(catchThrowableOfType(ForbiddenException.class,
                () -> user.describeConfiguration(r -> r.configurationId(red.id())))).isNotNull();

        iam(Clients.CREDENTIALS).putUserPolicy(r -> r.userName(name).policyName("blue").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"mq:ListTags\","
                        + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/team\":\"blue\"}}}]}"));
        assertThat(user.listTags(r -> r.resourceArn(blue.arn())).tags()).containsEntry("team", "blue");
        assertThat(catchThrowableOfType(ForbiddenException.class,
                () -> user.listTags(r -> r.resourceArn(red.arn())))).isNotNull();
    }
}
