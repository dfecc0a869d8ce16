package io.wharf.it.sqs;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CreateQueue, GetQueueUrl, ListQueues, DeleteQueue, Get/SetQueueAttributes through the SDK's JSON protocol. */
class QueueLifecycleIT extends SqsTestBase {

    @Test
    void createQueueReturnsUrlWithAccountAndNameAndIsIdempotent() {
        String name = unique("life");
        CreateQueueResponse created = sqs.createQueue(r -> r.queueName(name)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45")));
        assertThat(created.queueUrl()).endsWith("/000000000000/" + name).startsWith("http://");
        String again = sqs.createQueue(r -> r.queueName(name)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45"))).queueUrl();
        assertThat(again).isEqualTo(created.queueUrl());
        // Without attributes the existing queue is returned too: only supplied attributes are compared.
        assertThat(sqs.createQueue(r -> r.queueName(name)).queueUrl()).isEqualTo(created.queueUrl());
    }

    @Test
    void createQueueWithDifferentAttributesIsQueueNameExists() {
        String name = unique("exists");
        sqs.createQueue(r -> r.queueName(name).attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "1")));
        assertThatThrownBy(() -> sqs.createQueue(r -> r.queueName(name)
                .attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "2"))))
                .isInstanceOfSatisfying(QueueNameExistsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("QueueAlreadyExists");
                });
    }

    @Test
    void invalidQueueNamesAreRejected() {
        for (String bad : List.of("has space", "a".repeat(81), "dot.name", "")) {
            assertThatThrownBy(() -> sqs.createQueue(r -> r.queueName(bad)))
                    .as(bad)
                    .isInstanceOfSatisfying(SqsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isIn("InvalidParameterValue", "MissingParameter");
                    });
        }
        assertThat(sqs.createQueue(r -> r.queueName("a".repeat(80))).queueUrl()).endsWith("a".repeat(80));
    }

    @Test
    void fifoNameAndAttributeMustAgree() {
        assertThatThrownBy(() -> sqs.createQueue(r -> r.queueName(unique("nofifo"))
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> sqs.createQueue(r -> r.queueName(unique("std"))
                .attributes(Map.of(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))))
                .isInstanceOf(InvalidAttributeNameException.class);
    }

    @Test
    void getQueueUrlFindsQueuesAndRejectsUnknownOnes() {
        String name = unique("url");
        String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        assertThat(sqs.getQueueUrl(r -> r.queueName(name)).queueUrl()).isEqualTo(url);
        assertThat(sqs.getQueueUrl(r -> r.queueName(name).queueOwnerAWSAccountId("000000000000")).queueUrl())
                .isEqualTo(url);
        assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName("no-such-queue-" + name)))
                .isInstanceOfSatisfying(QueueDoesNotExistException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("The specified queue does not exist");
                });
        // Another account's queue: with policies enforced, a queue without a policy granting this caller is denied
        // before its existence is told (as for every cross-account call); otherwise it simply does not exist.
        if (WHARF.authMode().evaluatesPolicies()) {
            assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName(name).queueOwnerAWSAccountId("111111111111")))
                    .isInstanceOfSatisfying(SqsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        } else {
            assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName(name).queueOwnerAWSAccountId("111111111111")))
                    .isInstanceOf(QueueDoesNotExistException.class);
        }
    }

    @Test
    void listQueuesFiltersByPrefixAndPaginates() {
        String prefix = unique("list");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            urls.add(sqs.createQueue(r -> r.queueName(prefix + "-" + n)).queueUrl());
        }
        assertThat(sqs.listQueues(r -> r.queueNamePrefix(prefix)).queueUrls()).containsExactlyInAnyOrderElementsOf(urls);
        assertThat(sqs.listQueues(r -> r.queueNamePrefix(prefix)).nextToken()).isNull();

        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListQueuesResponse page = sqs.listQueues(r -> r.queueNamePrefix(prefix).maxResults(2).nextToken(t));
            assertThat(page.queueUrls()).hasSizeLessThanOrEqualTo(2);
            paged.addAll(page.queueUrls());
            token = page.nextToken();
            pages++;
        } while (token != null && pages < 10);
        assertThat(paged).containsExactlyInAnyOrderElementsOf(urls);
        assertThat(pages).isEqualTo(3);

        assertThat(sqs.listQueues(r -> r.queueNamePrefix("nothing-has-this-prefix")).queueUrls()).isEmpty();
        assertThatThrownBy(() -> sqs.listQueues(r -> r.maxResults(0)))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> sqs.listQueues(r -> r.maxResults(1001)))
                .isInstanceOf(SqsException.class);
    }

    @Test
    void deleteQueueRemovesIt() {
        String name = unique("del");
        String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        sqs.deleteQueue(r -> r.queueUrl(url));
        assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName(name))).isInstanceOf(QueueDoesNotExistException.class);
        assertThatThrownBy(() -> sqs.deleteQueue(r -> r.queueUrl(url))).isInstanceOf(QueueDoesNotExistException.class);
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x")))
                .isInstanceOf(QueueDoesNotExistException.class);
    }

    @Test
    void getQueueAttributesAllHasTheDefaults() {
        String name = unique("attrs");
        String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        Map<String, String> all = sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
        assertThat(all).containsEntry("VisibilityTimeout", "30")
                .containsEntry("MaximumMessageSize", "1048576")
                .containsEntry("MessageRetentionPeriod", "345600")
                .containsEntry("DelaySeconds", "0")
                .containsEntry("ReceiveMessageWaitTimeSeconds", "0")
                .containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "0")
                .containsEntry("ApproximateNumberOfMessagesDelayed", "0")
                .containsEntry("SqsManagedSseEnabled", "true")
                .containsEntry("QueueArn", "arn:aws:sqs:us-east-1:000000000000:" + name)
                .containsKeys("CreatedTimestamp", "LastModifiedTimestamp")
                .doesNotContainKeys("FifoQueue", "Policy", "RedrivePolicy");
        long created = Long.parseLong(all.get("CreatedTimestamp"));
        assertThat(created).isBetween(System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000 + 60);

        Map<String, String> one = sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributesAsStrings();
        assertThat(one).containsOnlyKeys("QueueArn");
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url)).attributes()).isEmpty();
    }

    @Test
    void setQueueAttributesValidatesEveryValue() {
        String url = sqs.createQueue(r -> r.queueName(unique("set"))).queueUrl();
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "120",
                QueueAttributeName.DELAY_SECONDS, "5",
                QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "2048",
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, "600",
                QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "3")));
        Map<String, String> all = sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
        assertThat(all).containsEntry("VisibilityTimeout", "120").containsEntry("DelaySeconds", "5")
                .containsEntry("MaximumMessageSize", "2048").containsEntry("MessageRetentionPeriod", "600")
                .containsEntry("ReceiveMessageWaitTimeSeconds", "3");

        Map<QueueAttributeName, String> bad = Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "43201",
                QueueAttributeName.DELAY_SECONDS, "901",
                QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "1023",
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, "59",
                QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "21");
        bad.forEach((attribute, value) -> assertThatThrownBy(() -> sqs.setQueueAttributes(r -> r.queueUrl(url)
                .attributes(Map.of(attribute, value))))
                .as(attribute + "=" + value)
                .isInstanceOfSatisfying(SqsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAttributeValue");
                }));
        assertThatThrownBy(() -> sqs.setQueueAttributes(r -> r.queueUrl(url)
                .attributesWithStrings(Map.of("NoSuchAttribute", "1"))))
                .isInstanceOf(InvalidAttributeNameException.class);
        assertThatThrownBy(() -> sqs.setQueueAttributes(r -> r.queueUrl(url)
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))))
                .isInstanceOf(SqsException.class);
    }
}
