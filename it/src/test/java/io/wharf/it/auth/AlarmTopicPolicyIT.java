package io.wharf.it.auth;

import io.wharf.protocol.auth.AuthMode;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under {@code --auth enforce} an alarm's SNS action publishes as {@code cloudwatch.amazonaws.com} for the alarm: a topic
 * with SNS's default policy takes its own account's alarms ({@code AWS:SourceOwner}), a topic whose own policy does not
 * let CloudWatch in refuses, and one that grants {@code cloudwatch.amazonaws.com} for the alarm's ARN takes it. Each
 * outcome is read from the alarm's history ("Successfully executed action …" / "Failed to execute action …").
 */
class AlarmTopicPolicyIT extends AuthTestBase {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().auth(AuthMode.ENFORCE).build();

    @Override
    URI endpoint() {
        return WHARF.endpoint();
    }

    private static String topicPolicy(String topicArn, String principal, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":\"sns:Publish\",\"Resource\":\"" + topicArn + "\"" + condition + "}]}";
    }

    @Test
    void anAlarmPublishesOnlyWhereTheTopicPolicyLetsCloudWatchIn() {
        SnsClient sns = sns(Clients.CREDENTIALS);
        try (CloudWatchClient cloudWatch = Clients.cloudWatch(WHARF.endpoint())) {
            String defaultTopic = sns.createTopic(r -> r.name(unique("default"))).topicArn();
            String ownersOnly = sns.createTopic(r -> r.name(unique("owners-only"))).topicArn();
            sns.setTopicAttributes(r -> r.topicArn(ownersOnly).attributeName("Policy").attributeValue(
                    topicPolicy(ownersOnly, "{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"}", "")));
            String alarmName = unique("dlq-depth");
            String alarmArn = "arn:aws:cloudwatch:us-east-1:" + ACCOUNT + ":alarm:" + alarmName;
            String grantsCloudWatch = sns.createTopic(r -> r.name(unique("grants-cloudwatch"))).topicArn();
            sns.setTopicAttributes(r -> r.topicArn(grantsCloudWatch).attributeName("Policy").attributeValue(
                    topicPolicy(grantsCloudWatch, "{\"Service\":\"cloudwatch.amazonaws.com\"}",
                            ",\"Condition\":{\"ArnLike\":{\"aws:SourceArn\":\"" + alarmArn + "\"}}")));

            cloudWatch.putMetricAlarm(r -> r.alarmName(alarmName).namespace("AWS/SQS")
                    .metricName("ApproximateNumberOfMessagesVisible").statistic("Maximum").period(60)
                    .evaluationPeriods(1).threshold(0.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                    .alarmActions(defaultTopic, ownersOnly, grantsCloudWatch));
            cloudWatch.setAlarmState(r -> r.alarmName(alarmName).stateValue(StateValue.ALARM).stateReason("test"));

            List<String> summaries = actionSummaries(cloudWatch, alarmName, 3);
            assertThat(summaries).containsExactlyInAnyOrder("Successfully executed action " + defaultTopic,
                    "Failed to execute action " + ownersOnly, "Successfully executed action " + grantsCloudWatch);
        }
    }

    /** The alarm's Action history summaries, once {@code expected} of them are there (actions run after the change). */
    private static List<String> actionSummaries(CloudWatchClient cloudWatch, String alarmName, int expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<String> summaries = List.of();
        while (Instant.now().isBefore(deadline)) {
            summaries = cloudWatch.describeAlarmHistory(r -> r.alarmName(alarmName)
                            .historyItemType(HistoryItemType.ACTION)).alarmHistoryItems().stream()
                    .map(AlarmHistoryItem::historySummary).toList();
            if (summaries.size() >= expected) {
                return summaries;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return summaries;
    }
}
