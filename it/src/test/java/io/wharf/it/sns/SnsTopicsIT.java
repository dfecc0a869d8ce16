package io.wharf.it.sns;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.ListTopicsResponse;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.Topic;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Topics through the SDK: lifecycle, attributes, tags, permissions, data protection policy, their errors. */
class SnsTopicsIT extends SnsTestBase {

    @Test
    void createTopicIsIdempotentAndChecksAttributesAndTags() {
        String name = unique("idem");
        String arn = sns.createTopic(r -> r.name(name).attributes(Map.of("DisplayName", "d"))).topicArn();
        assertThat(arn).isEqualTo("arn:aws:sns:us-east-1:000000000000:" + name);
        assertThat(sns.createTopic(r -> r.name(name).attributes(Map.of("DisplayName", "d"))).topicArn())
                .isEqualTo(arn);
        assertThat(sns.createTopic(r -> r.name(name)).topicArn()).isEqualTo(arn);
        assertThatThrownBy(() -> sns.createTopic(r -> r.name(name).attributes(Map.of("DisplayName", "other"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Invalid parameter: Attributes Reason: Topic already exists with different attributes");
        assertThatThrownBy(() -> sns.createTopic(r -> r.name(name).tags(Tag.builder().key("k").value("v").build())))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Topic already exists with different tags");
    }

    @Test
    void badNamesAndFifoRules() {
        assertThatThrownBy(() -> sns.createTopic(r -> r.name("bad name!")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Invalid parameter: Topic Name");
        assertThatThrownBy(() -> sns.createTopic(r -> r.name(unique("x") + ".fifo")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.createTopic(r -> r.name(unique("x")).attributes(Map.of("FifoTopic", "true"))))
                .isInstanceOf(InvalidParameterException.class);
        String fifo = sns.createTopic(r -> r.name(unique("f") + ".fifo")
                .attributes(Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true"))).topicArn();
        assertThat(sns.getTopicAttributes(r -> r.topicArn(fifo)).attributes())
                .containsEntry("FifoTopic", "true").containsEntry("ContentBasedDeduplication", "true");
        assertThatThrownBy(() -> sns.createTopic(r -> r.name(unique("s"))
                .attributes(Map.of("ContentBasedDeduplication", "true"))))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void attributesHaveAwsDefaultsAndCanBeSet() {
        String arn = topic("attrs");
        Map<String, String> attributes = sns.getTopicAttributes(r -> r.topicArn(arn)).attributes();
        assertThat(attributes).containsEntry("TopicArn", arn).containsEntry("Owner", "000000000000")
                .containsEntry("DisplayName", "").containsEntry("SubscriptionsConfirmed", "0")
                .containsKeys("Policy", "EffectiveDeliveryPolicy");
        assertThat(attributes.get("Policy")).contains("__default_statement_ID").contains("SNS:Publish");
        sns.setTopicAttributes(r -> r.topicArn(arn).attributeName("DisplayName").attributeValue("Hello"));
        sns.setTopicAttributes(r -> r.topicArn(arn).attributeName("KmsMasterKeyId").attributeValue("alias/aws/sns"));
        sns.setTopicAttributes(r -> r.topicArn(arn).attributeName("DeliveryPolicy")
                .attributeValue("{\"http\":{\"defaultHealthyRetryPolicy\":{\"numRetries\":5}}}"));
        assertThat(sns.getTopicAttributes(r -> r.topicArn(arn)).attributes())
                .containsEntry("DisplayName", "Hello").containsEntry("KmsMasterKeyId", "alias/aws/sns")
                .containsKey("DeliveryPolicy");
        assertThatThrownBy(() -> sns.setTopicAttributes(r -> r.topicArn(arn).attributeName("Nope").attributeValue("x")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Invalid parameter: AttributeName");
        assertThatThrownBy(() -> sns.setTopicAttributes(r -> r.topicArn(arn).attributeName("DeliveryPolicy")
                .attributeValue("{not json"))).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void unknownTopicIsNotFoundAndDeleteIsIdempotent() {
        String arn = topic("gone");
        sns.deleteTopic(r -> r.topicArn(arn));
        sns.deleteTopic(r -> r.topicArn(arn));
        assertThatThrownBy(() -> sns.getTopicAttributes(r -> r.topicArn(arn)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("Topic does not exist")
                .satisfies(e -> assertThat(((NotFoundException) e).statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> sns.getTopicAttributes(r -> r.topicArn("arn:aws:sns:us-east-1")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("An ARN must have at least 6 elements, not 4");
    }

    @Test
    void listTopicsPagesByHundred() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 105; i++) {
            created.add(topic("page"));
        }
        Set<String> listed = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListTopicsResponse page = sns.listTopics(r -> r.nextToken(t));
            assertThat(page.topics()).hasSizeLessThanOrEqualTo(100);
            page.topics().stream().map(Topic::topicArn).forEach(listed::add);
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isGreaterThanOrEqualTo(2);
        assertThat(listed).containsAll(created);
    }

    @Test
    void tags() {
        String arn = topic("tags");
        sns.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("a").value("1").build(),
                Tag.builder().key("b").value("2").build()));
        sns.untagResource(r -> r.resourceArn(arn).tagKeys("a"));
        assertThat(sns.listTagsForResource(r -> r.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("b").value("2").build());
        assertThatThrownBy(() -> sns.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("k").value("1").build(),
                Tag.builder().key("k").value("2").build())))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Duplicated keys are not allowed.");
        assertThatThrownBy(() -> sns.listTagsForResource(r -> r.resourceArn(arn + "-missing")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void permissionsLiveInThePolicy() {
        String arn = topic("perm");
        sns.addPermission(r -> r.topicArn(arn).label("p1").awsAccountIds("111122223333").actionNames("Publish"));
        assertThat(sns.getTopicAttributes(r -> r.topicArn(arn)).attributes().get("Policy"))
                .contains("\"Sid\":\"p1\"").contains("arn:aws:iam::111122223333:root").contains("SNS:Publish");
        assertThatThrownBy(() -> sns.addPermission(r -> r.topicArn(arn).label("p1").awsAccountIds("111122223333")
                .actionNames("Publish"))).hasMessageContaining("Statement already exists");
        assertThatThrownBy(() -> sns.addPermission(r -> r.topicArn(arn).label("p2").awsAccountIds("111122223333")
                .actionNames("sqs:SendMessage"))).hasMessageContaining("Policy statement action out of service scope!");
        sns.removePermission(r -> r.topicArn(arn).label("p1"));
        assertThat(sns.getTopicAttributes(r -> r.topicArn(arn)).attributes().get("Policy")).doesNotContain("\"p1\"");
    }

    @Test
    void dataProtectionPolicyIsStored() {
        String arn = topic("dpp");
        String policy = "{\"Name\":\"p\",\"Version\":\"2021-06-01\",\"Statement\":[]}";
        sns.putDataProtectionPolicy(r -> r.resourceArn(arn).dataProtectionPolicy(policy));
        assertThat(sns.getDataProtectionPolicy(r -> r.resourceArn(arn)).dataProtectionPolicy()).isEqualTo(policy);
    }
}
