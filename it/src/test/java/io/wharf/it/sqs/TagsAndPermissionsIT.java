package io.wharf.it.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.OverLimitException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TagQueue / UntagQueue / ListQueueTags and AddPermission / RemovePermission (reflected in Policy). */
class TagsAndPermissionsIT extends SqsTestBase {

    @Test
    void tagsAreMergedRemovedAndListed() {
        String url = sqs.createQueue(r -> r.queueName(unique("tags")).tags(Map.of("team", "a"))).queueUrl();
        assertThat(sqs.listQueueTags(r -> r.queueUrl(url)).tags()).isEqualTo(Map.of("team", "a"));
        sqs.tagQueue(r -> r.queueUrl(url).tags(Map.of("team", "b", "env", "test")));
        assertThat(sqs.listQueueTags(r -> r.queueUrl(url)).tags()).isEqualTo(Map.of("team", "b", "env", "test"));
        sqs.untagQueue(r -> r.queueUrl(url).tagKeys("team", "unknown"));
        assertThat(sqs.listQueueTags(r -> r.queueUrl(url)).tags()).isEqualTo(Map.of("env", "test"));
        sqs.untagQueue(r -> r.queueUrl(url).tagKeys("env"));
        assertThat(sqs.listQueueTags(r -> r.queueUrl(url)).tags()).isEmpty();
    }

    @Test
    void permissionsAreWrittenIntoThePolicy() throws Exception {
        String url = queue("perm");
        String name = url.substring(url.lastIndexOf('/') + 1);
        sqs.addPermission(r -> r.queueUrl(url).label("send").awsAccountIds("111111111111").actions("SendMessage"));
        sqs.addPermission(r -> r.queueUrl(url).label("both").awsAccountIds("111111111111", "222222222222")
                .actions("ReceiveMessage", "DeleteMessage"));
        JsonNode policy = new ObjectMapper().readTree(attribute(url, QueueAttributeName.POLICY));
        assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
        assertThat(policy.path("Statement")).hasSize(2);
        JsonNode first = policy.path("Statement").get(0);
        assertThat(first.path("Sid").asText()).isEqualTo("send");
        assertThat(first.path("Effect").asText()).isEqualTo("Allow");
        assertThat(first.path("Principal").path("AWS").asText()).isEqualTo("arn:aws:iam::111111111111:root");
        assertThat(first.path("Action").asText()).isEqualTo("SQS:SendMessage");
        assertThat(first.path("Resource").asText()).endsWith(":" + name);

        assertThatThrownBy(() -> sqs.addPermission(r -> r.queueUrl(url).label("send")
                .awsAccountIds("111111111111").actions("SendMessage")))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> sqs.addPermission(r -> r.queueUrl(url).label("many")
                .awsAccountIds("111111111111").actions(List.of("SendMessage", "ReceiveMessage", "DeleteMessage",
                        "ChangeMessageVisibility", "GetQueueAttributes", "GetQueueUrl", "PurgeQueue",
                        "ListDeadLetterSourceQueues"))))
                .isInstanceOf(OverLimitException.class);

        sqs.removePermission(r -> r.queueUrl(url).label("send"));
        JsonNode after = new ObjectMapper().readTree(attribute(url, QueueAttributeName.POLICY));
        assertThat(after.path("Statement")).hasSize(1);
        assertThatThrownBy(() -> sqs.removePermission(r -> r.queueUrl(url).label("send")))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }
}
