package io.wharf.it.cloudwatch;

import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Metric data and alarms acknowledged by CloudWatch are there after a restart on the same data directory. */
class CloudWatchRestartIT {
    @TempDir
    Path dataDir;

    private Wharf start() {
        return Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).build());
    }

    @Test
    void metricsSurviveARestart() {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(2));
        Dimension worker = Dimension.builder().name("WorkerIdentifier").value("w-1").build();
        try (Wharf wharf = start(); CloudWatchClient cloudWatch = Clients.cloudWatch(URI.create(wharf.endpoint()))) {
            cloudWatch.putMetricData(r -> r.namespace("KclApp").metricData(
                    MetricDatum.builder().metricName("Success").value(1.0).timestamp(minute).dimensions(worker).build(),
                    MetricDatum.builder().metricName("Success").value(0.0).timestamp(minute.plusSeconds(5))
                            .dimensions(worker).build()));
        }
        try (Wharf wharf = start(); CloudWatchClient cloudWatch = Clients.cloudWatch(URI.create(wharf.endpoint()))) {
            assertThat(cloudWatch.listMetrics(r -> r.namespace("KclApp")).metrics())
                    .singleElement().extracting(Metric::metricName).isEqualTo("Success");
            Datapoint point = cloudWatch.getMetricStatistics(r -> r.namespace("KclApp").metricName("Success")
                    .dimensions(worker).startTime(minute).endTime(minute.plusSeconds(60)).period(60)
                    .statistics(Statistic.SAMPLE_COUNT, Statistic.AVERAGE)).datapoints().get(0);
            assertThat(point.sampleCount()).isEqualTo(2.0);
            assertThat(point.average()).isEqualTo(0.5);
        }
    }

    @Test
    void alarmsSurviveARestart() {
        String arn;
        try (Wharf wharf = start(); CloudWatchClient cloudWatch = Clients.cloudWatch(URI.create(wharf.endpoint()))) {
            cloudWatch.putMetricAlarm(r -> r.alarmName("slow-consumer").alarmDescription("lag").namespace("KclApp")
                    .metricName("MillisBehindLatest").statistic(Statistic.MAXIMUM).period(300).evaluationPeriods(3)
                    .datapointsToAlarm(2).threshold(60_000.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                    .treatMissingData("ignore").actionsEnabled(false)
                    .alarmActions("arn:aws:sns:us-east-1:000000000000:ops")
                    .tags(t -> t.key("team").value("streams")));
            cloudWatch.setAlarmState(r -> r.alarmName("slow-consumer").stateValue(StateValue.ALARM)
                    .stateReason("drill"));
        }
        try (Wharf wharf = start(); CloudWatchClient cloudWatch = Clients.cloudWatch(URI.create(wharf.endpoint()))) {
            MetricAlarm alarm = cloudWatch.describeAlarms(r -> r.alarmNames("slow-consumer")).metricAlarms().get(0);
            assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
            assertThat(alarm.stateReason()).isEqualTo("drill");
            assertThat(alarm.alarmDescription()).isEqualTo("lag");
            assertThat(alarm.datapointsToAlarm()).isEqualTo(2);
            assertThat(alarm.treatMissingData()).isEqualTo("ignore");
            assertThat(alarm.actionsEnabled()).isFalse();
            assertThat(alarm.alarmActions()).containsExactly("arn:aws:sns:us-east-1:000000000000:ops");
            arn = alarm.alarmArn();
            assertThat(arn).isEqualTo("arn:aws:cloudwatch:us-east-1:000000000000:alarm:slow-consumer");
            assertThat(cloudWatch.listTagsForResource(r -> r.resourceARN(arn)).tags())
                    .singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("streams"));
            assertThat(cloudWatch.describeAlarmHistory(r -> r.alarmName("slow-consumer")).alarmHistoryItems())
                    .extracting(i -> i.historyItemType())
                    .containsExactly(HistoryItemType.STATE_UPDATE, HistoryItemType.CONFIGURATION_UPDATE);
        }
    }
}
