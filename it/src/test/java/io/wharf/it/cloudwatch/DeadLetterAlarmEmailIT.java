package io.wharf.it.cloudwatch;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.wharf.it.sns.SnsSignatures;
import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.testkit.Clients;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "DLQ not empty → email", end to end through real clients: a message received more often than the source queue's
 * maxReceiveCount moves to its dead-letter queue; Wharf publishes AWS/SQS ApproximateNumberOfMessagesVisible of the
 * DLQ; an alarm on it (&gt; 0, one-minute period, as one would set it on AWS) goes to ALARM and its SNS topic action
 * emails the on-call address, which a real SMTP server in the test (GreenMail on loopback) receives.
 *
 * <p>The server publishes every second (--cloudwatch-publish-interval 1), but the alarm evaluates a one-minute period
 * once it is complete, as AWS does: the test waits for the end of the current minute (at most about a minute, half a
 * minute on average), so it runs beside the other suites.
 */
@Execution(ExecutionMode.CONCURRENT)
class DeadLetterAlarmEmailIT {
    private static final String ON_CALL = "oncall@example.com";
    private static GreenMail smtp;
    private static Wharf wharf;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        wharf = Wharf.start(WharfConfig.builder().port(0).inMemory(true).smtpHost("127.0.0.1")
                .smtpPort(smtp.getSmtp().getPort()).cloudWatchPublishInterval(Duration.ofSeconds(1)).build());
    }

    @AfterAll
    static void stop() {
        if (wharf != null) {
            wharf.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void aMessageInTheDeadLetterQueueEmailsTheOnCallAddress() throws Exception {
        URI endpoint = URI.create(wharf.endpoint());
        try (SqsClient sqs = Clients.sqs(endpoint); SnsClient sns = Clients.sns(endpoint);
             CloudWatchClient cloudWatch = Clients.cloudWatch(endpoint)) {
            String topic = sns.createTopic(r -> r.name("ops-alerts")).topicArn();
            sns.subscribe(r -> r.topicArn(topic).protocol("email").endpoint(ON_CALL));
            MimeMessage confirmation = mail(0, Duration.ofSeconds(10));
            Matcher link = Pattern.compile("(http://\\S+Action=ConfirmSubscription\\S+)")
                    .matcher((String) confirmation.getContent());
            assertThat(link.find()).isTrue();
            assertThat(SnsSignatures.get(link.group(1)).statusCode()).isEqualTo(200);

            String dlqUrl = sqs.createQueue(r -> r.queueName("orders-dlq")).queueUrl();
            String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String ordersUrl = sqs.createQueue(r -> r.queueName("orders").attributes(Map.of(
                    QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"1\"}"))).queueUrl();
            Dimension dlq = Dimension.builder().name("QueueName").value("orders-dlq").build();
            cloudWatch.putMetricAlarm(r -> r.alarmName("orders-dlq-not-empty").namespace("AWS/SQS")
                    .metricName("ApproximateNumberOfMessagesVisible").dimensions(dlq).statistic(Statistic.MAXIMUM)
                    .period(60).evaluationPeriods(1).threshold(0.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).alarmActions(topic));

            sqs.sendMessage(r -> r.queueUrl(ordersUrl).messageBody("order 42: cannot be processed"));
            // received once and given back (visibility 0); the next receive finds it past maxReceiveCount
            assertThat(sqs.receiveMessage(r -> r.queueUrl(ordersUrl).visibilityTimeout(0)).messages()).hasSize(1);
            assertThat(sqs.receiveMessage(r -> r.queueUrl(ordersUrl).waitTimeSeconds(0)).messages()).isEmpty();
            assertThat(sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("1");

            // the metric the alarm watches is there within a publish or two
            assertThat(awaitVisible(cloudWatch, dlq)).isEqualTo(1.0);

            MimeMessage alarm = mail(1, Duration.ofSeconds(100)); // a deadline: about 30 s on average
            assertThat(alarm.getSubject()).isEqualTo("ALARM: \"orders-dlq-not-empty\" in US East (N. Virginia)");
            String body = (String) alarm.getContent();
            assertThat(body).contains("\"AlarmName\":\"orders-dlq-not-empty\"").contains("\"NewStateValue\":\"ALARM\"")
                    .contains("\"Namespace\":\"AWS/SQS\"").contains("orders-dlq");
            assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("orders-dlq-not-empty")).metricAlarms().get(0)
                    .stateValue()).isEqualTo(StateValue.ALARM);
        }
    }

    /** The DLQ's largest published ApproximateNumberOfMessagesVisible, once it is 1 (bounded wait). */
    private static double awaitVisible(CloudWatchClient cloudWatch, Dimension dlq) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        double visible = Double.NaN;
        while (System.nanoTime() < deadline) {
            Instant now = Instant.now();
            List<Datapoint> points = cloudWatch.getMetricStatistics(r -> r.namespace("AWS/SQS")
                    .metricName("ApproximateNumberOfMessagesVisible").dimensions(dlq)
                    .startTime(now.minus(Duration.ofMinutes(5))).endTime(now.plus(Duration.ofMinutes(1))).period(60)
                    .statistics(Statistic.MAXIMUM)).datapoints();
            visible = points.stream().mapToDouble(Datapoint::maximum).max().orElse(Double.NaN);
            if (visible == 1.0) {
                return visible;
            }
            Thread.sleep(200);
        }
        return visible;
    }

    /** The {@code nth} mail to the on-call address, waiting up to {@code wait} for it. */
    private static MimeMessage mail(int nth, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> mails = Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
                try {
                    return m.getAllRecipients()[0].toString().equals(ON_CALL);
                } catch (jakarta.mail.MessagingException e) {
                    return false;
                }
            }).toList();
            if (mails.size() > nth) {
                return mails.get(nth);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail #" + nth + " to " + ON_CALL + " within " + wait.toSeconds() + " s");
    }
}
