package io.wharf.it.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The classic "queue not empty → notify": a queue-depth style custom metric crosses the threshold of a 10-second
 * high-resolution alarm, the alarm goes to ALARM, and an SQS queue subscribed to the alarm's SNS topic receives AWS's
 * alarm notification. Waits only for the alarm's own evaluation (every 10 s), bounded by a receive deadline.
 */
class CloudWatchAlarmsIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aThresholdCrossingNotifiesTheTopicsQueue() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "dlq-not-empty-" + suffix;
        Dimension queueName = Dimension.builder().name("QueueName").value("orders-dlq").build();
        try (CloudWatchClient cloudWatch = Clients.cloudWatch(WHARF.endpoint());
             SnsClient sns = Clients.sns(WHARF.endpoint()); SqsClient sqs = Clients.sqs(WHARF.endpoint())) {
            String topic = sns.createTopic(r -> r.name("ops-" + suffix)).topicArn();
            String queueUrl = sqs.createQueue(r -> r.queueName("ops-inbox-" + suffix)).queueUrl();
            String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            // as on AWS, the queue lets SNS send for the topic (needed when policies are enforced)
            sqs.setQueueAttributes(r -> r.queueUrl(queueUrl).attributes(java.util.Map.of(QueueAttributeName.POLICY,
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\""
                            + queueArn + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"" + topic
                            + "\"}}}]}")));
            sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn));

            cloudWatch.putMetricAlarm(r -> r.alarmName(name).alarmDescription("the DLQ has messages")
                    .namespace("Shop/" + suffix).metricName("ApproximateNumberOfMessagesVisible")
                    .dimensions(queueName).statistic(Statistic.MAXIMUM).period(10).evaluationPeriods(3)
                    .datapointsToAlarm(1).threshold(0.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                    .treatMissingData("notBreaching").alarmActions(topic).tags(t -> t.key("team").value("shop")));
            // no data yet: the first evaluation (if it came already) treats the missing datapoints as not breaching
            assertThat(cloudWatch.describeAlarms(r -> r.alarmNames(name)).metricAlarms().get(0).stateValue())
                    .isIn(StateValue.INSUFFICIENT_DATA, StateValue.OK);

            cloudWatch.putMetricData(r -> r.namespace("Shop/" + suffix).metricData(d -> d
                    .metricName("ApproximateNumberOfMessagesVisible").dimensions(queueName).value(3.0)
                    .storageResolution(1).timestamp(Instant.now().minusSeconds(1))));

            Message delivered = receiveOne(sqs, queueUrl);
            JsonNode envelope = JSON.readTree(delivered.body());
            assertThat(envelope.get("TopicArn").asText()).isEqualTo(topic);
            assertThat(envelope.get("Subject").asText()).isEqualTo("ALARM: \"" + name + "\" in US East (N. Virginia)");
            JsonNode notification = JSON.readTree(envelope.get("Message").asText());
            assertThat(notification.get("AlarmName").asText()).isEqualTo(name);
            assertThat(notification.get("AlarmDescription").asText()).isEqualTo("the DLQ has messages");
            assertThat(notification.get("NewStateValue").asText()).isEqualTo("ALARM");
            assertThat(notification.get("OldStateValue").asText()).isIn("OK", "INSUFFICIENT_DATA");
            assertThat(notification.get("NewStateReason").asText())
                    .startsWith("Threshold Crossed: 1 out of the last ").contains("[3.0 (")
                    .endsWith("was greater than the threshold (0.0) (minimum 1 datapoint for "
                            + notification.get("OldStateValue").asText() + " -> ALARM transition).");
            assertThat(notification.get("AWSAccountId").asText()).isEqualTo("000000000000");
            assertThat(notification.get("Region").asText()).isEqualTo("US East (N. Virginia)");
            assertThat(notification.get("AlarmArn").asText())
                    .isEqualTo("arn:aws:cloudwatch:us-east-1:000000000000:alarm:" + name);
            JsonNode trigger = notification.get("Trigger");
            assertThat(trigger.get("MetricName").asText()).isEqualTo("ApproximateNumberOfMessagesVisible");
            assertThat(trigger.get("Statistic").asText()).isEqualTo("MAXIMUM");
            assertThat(trigger.get("Period").asInt()).isEqualTo(10);
            assertThat(trigger.get("Threshold").asDouble()).isEqualTo(0.0);
            assertThat(trigger.get("Dimensions").get(0).get("name").asText()).isEqualTo("QueueName");

            MetricAlarm alarm = cloudWatch.describeAlarms(r -> r.stateValue(StateValue.ALARM)
                    .alarmNamePrefix("dlq-not-empty-" + suffix)).metricAlarms().get(0);
            assertThat(JSON.readTree(alarm.stateReasonData()).get("recentDatapoints").get(0).asDouble())
                    .isEqualTo(3.0);
            assertThat(cloudWatch.describeAlarmsForMetric(r -> r.namespace("Shop/" + suffix)
                    .metricName("ApproximateNumberOfMessagesVisible").dimensions(queueName)).metricAlarms())
                    .extracting(MetricAlarm::alarmName).containsExactly(name);
            assertThat(cloudWatch.describeAlarms(r -> r.actionPrefix(topic)).metricAlarms()).hasSize(1);
            List<AlarmHistoryItem> history = cloudWatch.describeAlarmHistory(r -> r.alarmName(name)).alarmHistoryItems();
            assertThat(history).extracting(AlarmHistoryItem::historyItemType)
                    .contains(HistoryItemType.ACTION, HistoryItemType.STATE_UPDATE,
                            HistoryItemType.CONFIGURATION_UPDATE);
            assertThat(history).extracting(AlarmHistoryItem::historySummary)
                    .contains("Successfully executed action " + topic, "Alarm \"" + name + "\" created");

            // by hand back to OK, actions disabled: nothing more is published
            cloudWatch.disableAlarmActions(r -> r.alarmNames(name));
            cloudWatch.setAlarmState(r -> r.alarmName(name).stateValue(StateValue.OK).stateReason("fixed"));
            assertThat(cloudWatch.describeAlarms(r -> r.alarmNames(name)).metricAlarms().get(0).actionsEnabled())
                    .isFalse();

            cloudWatch.untagResource(r -> r.resourceARN(alarm.alarmArn()).tagKeys("team"));
            assertThat(cloudWatch.listTagsForResource(r -> r.resourceARN(alarm.alarmArn())).tags()).isEmpty();
            cloudWatch.deleteAlarms(r -> r.alarmNames(name));
            CloudWatchException gone = catchThrowableOfType(CloudWatchException.class,
                    () -> cloudWatch.deleteAlarms(r -> r.alarmNames(name)));
            assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
            assertThat(cloudWatch.describeAlarms(r -> r.alarmNames(name)).metricAlarms()).isEmpty();
        }
    }

    /** The first message on the queue; long polls until a generous deadline (the alarm evaluates every 10 s). */
    private static Message receiveOne(SqsClient sqs, String queueUrl) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5)
                    .maxNumberOfMessages(1)).messages();
            if (!messages.isEmpty()) {
                return messages.get(0);
            }
        }
        throw new AssertionError("no alarm notification reached the queue within 90 s");
    }

    @Test
    void describeAlarmsAndHistoryPage() {
        String prefix = "page-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (CloudWatchClient cloudWatch = Clients.cloudWatch(WHARF.endpoint())) {
            for (String n : List.of("c", "a", "b")) {
                cloudWatch.putMetricAlarm(r -> r.alarmName(prefix + n).namespace("Page").metricName("m")
                        .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(1.0)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).actionsEnabled(false));
            }
            var first = cloudWatch.describeAlarms(r -> r.alarmNamePrefix(prefix).maxRecords(2));
            assertThat(first.metricAlarms()).extracting(MetricAlarm::alarmName).containsExactly(prefix + "a",
                    prefix + "b");
            var second = cloudWatch.describeAlarms(r -> r.alarmNamePrefix(prefix).maxRecords(2)
                    .nextToken(first.nextToken()));
            assertThat(second.metricAlarms()).extracting(MetricAlarm::alarmName).containsExactly(prefix + "c");
            assertThat(second.nextToken()).isNull();

            cloudWatch.putMetricAlarm(r -> r.alarmName(prefix + "a").namespace("Page").metricName("m")
                    .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(2.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).actionsEnabled(false));
            var history = cloudWatch.describeAlarmHistory(r -> r.alarmName(prefix + "a")
                    .historyItemType(HistoryItemType.CONFIGURATION_UPDATE).maxRecords(1));
            assertThat(history.alarmHistoryItems()).extracting(AlarmHistoryItem::historySummary)
                    .containsExactly("Alarm \"" + prefix + "a\" updated");
            assertThat(cloudWatch.describeAlarmHistory(r -> r.alarmName(prefix + "a")
                    .historyItemType(HistoryItemType.CONFIGURATION_UPDATE).maxRecords(1)
                    .nextToken(history.nextToken())).alarmHistoryItems()).extracting(AlarmHistoryItem::historySummary)
                    .containsExactly("Alarm \"" + prefix + "a\" created");
            cloudWatch.deleteAlarms(r -> r.alarmNames(prefix + "a", prefix + "b", prefix + "c"));
        }
    }
}
