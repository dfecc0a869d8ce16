package io.wharf.it.input;

import io.wharf.testkit.Clients;
import io.wharf.testkit.RawHttp;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Text XML 1.0 cannot carry (here U+0001) is refused wherever it would come back in a Query/XML answer — SNS topic
 * attributes and tags, SQS tags and attributes (over JSON and Query), IAM tags — with each service's error, and the
 * answers that would have echoed it keep working for every SDK.
 */
class ControlCharactersIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private static final String BAD = "a\u0001b";
    private static final String PATTERN = "[\\u0009\\u000A\\u000D\\u0020-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]*";

    private SnsClient sns;
    private IamClient iam;

    @BeforeEach
    void clients() {
        sns = Clients.sns(WHARF.endpoint());
        iam = Clients.iam(WHARF.endpoint());
    }

    @AfterEach
    void close() {
        sns.close();
        iam.close();
    }

    private static void refused(Runnable call, String code, int status, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void snsDisplayNameAndTagsWithAControlCharacterAreInvalidParameter() {
        String arn = sns.createTopic(r -> r.name("control-" + System.nanoTime())).topicArn();
        refused(() -> sns.setTopicAttributes(r -> r.topicArn(arn).attributeName("DisplayName").attributeValue(BAD)),
                "InvalidParameter", 400,
                "Invalid parameter: AttributeValue Reason: Member must satisfy regular expression pattern: " + PATTERN);
        refused(() -> sns.createTopic(r -> r.name("control-" + System.nanoTime()).attributes(Map.of("DisplayName", BAD))),
                "InvalidParameter", 400, "Invalid parameter: Attributes.DisplayName Reason: Member must satisfy "
                        + "regular expression pattern: " + PATTERN);
        refused(() -> sns.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("k").value(BAD))),
                "InvalidParameter", 400,
                "Invalid parameter: Tags.1.Value Reason: Member must satisfy regular expression pattern: " + PATTERN);
        assertThatThrownBy(() -> sns.subscribe(r -> r.topicArn(arn).protocol("http").endpoint("http://x/" + BAD)))
                .isInstanceOf(InvalidParameterException.class);
        // what XML can carry, tabs and new lines included, is kept exactly, and the answers still parse
        sns.setTopicAttributes(r -> r.topicArn(arn).attributeName("DisplayName").attributeValue("tab\there\r\n\u00e9"));
        assertThat(sns.getTopicAttributes(r -> r.topicArn(arn)).attributes().get("DisplayName"))
                .isEqualTo("tab\there\r\n\u00e9");
        assertThat(sns.listTagsForResource(r -> r.resourceArn(arn)).tags()).isEmpty();
    }

    @Test
    void sqsTagsAndPoliciesWithAControlCharacterAreRefusedOverJsonAndQuery() {
        SqsClient sqs = WHARF.sqs();
        String url = sqs.createQueue(r -> r.queueName("control-" + System.nanoTime())).queueUrl();
        refused(() -> sqs.tagQueue(r -> r.queueUrl(url).tags(Map.of("k", BAD))), "InvalidParameterValue", 400,
                "Value " + BAD + " for parameter Tags.k is invalid. Reason: Member must satisfy regular expression "
                        + "pattern: " + PATTERN + ".");
        // a tag named like a member SQS checks by its own rule is still a tag: its value is checked as any other
        refused(() -> sqs.tagQueue(r -> r.queueUrl(url).tags(Map.of("MessageBody", BAD))), "InvalidParameterValue",
                400, "Value " + BAD + " for parameter Tags.MessageBody is invalid. Reason: Member must satisfy regular "
                        + "expression pattern: " + PATTERN + ".");
        refused(() -> sqs.tagQueue(r -> r.queueUrl(url).tags(Map.of(BAD, "v"))), "InvalidParameterValue", 400,
                "Value " + BAD + " for parameter Tags is invalid. Reason: Member must satisfy regular expression "
                        + "pattern: " + PATTERN + ".");
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"" + BAD + "\",\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}";
        refused(() -> sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY, policy))),
                "InvalidAttributeValue", 400, "Invalid value for the parameter Policy.");

        RawHttp.Response query = WHARF.raw().postForm("/", Map.of("Action", "TagQueue", "Version", "2012-11-05",
                "QueueUrl", url, "Tag.1.Key", "k", "Tag.1.Value", BAD), Map.of());
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.bodyText()).contains("<Code>InvalidParameterValue</Code>").doesNotContain("\u0001");

        // the queue's tags and attributes are still readable, over JSON and over Query XML
        sqs.tagQueue(r -> r.queueUrl(url).tags(Map.of("k", "tab\tok")));
        assertThat(sqs.listQueueTags(r -> r.queueUrl(url)).tags()).containsExactly(Map.entry("k", "tab\tok"));
        RawHttp.Response tags = WHARF.raw().postForm("/", Map.of("Action", "ListQueueTags", "Version", "2012-11-05",
                "QueueUrl", url), Map.of());
        assertThat(tags.status()).isEqualTo(200);
        assertThat(tags.bodyText()).contains("<Value>tab&#x9;ok</Value>");
    }

    @Test
    void sqsMessageBodiesKeepTheirOwnRule() {
        SqsClient sqs = WHARF.sqs();
        String url = sqs.createQueue(r -> r.queueName("control-" + System.nanoTime())).queueUrl();
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody(BAD)))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidMessageContents"));
    }

    @Test
    void iamTagsWithAControlCharacterAreValidationErrors() {
        String user = "control-" + System.nanoTime();
        assertThatThrownBy(() -> iam.createUser(r -> r.userName(user).tags(t -> t.key("k").value(BAD))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        iam.createUser(r -> r.userName(user).path("/ok/"));
        assertThat(iam.getUser(r -> r.userName(user)).user().path()).isEqualTo("/ok/");
    }
}
