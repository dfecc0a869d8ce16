package io.wharf.it.cloudwatch;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * CloudWatch through the SDK's own client, which speaks Smithy RPC v2 CBOR to it (SDK 2.57.8 offers no other protocol
 * for CloudWatch): what is put is read back by GetMetricStatistics and ListMetrics, and AWS's errors arrive as the
 * SDK's modelled exceptions with the Query codes ({@code x-amzn-query-error}).
 */
class CloudWatchSdkIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private CloudWatchClient cloudWatch;
    private final String namespace = "Wharf/" + UUID.randomUUID().toString().substring(0, 8);
    /** A whole minute a little in the past, so every datum of a test lands in one bucket. */
    private final Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));

    @BeforeEach
    void client() {
        cloudWatch = Clients.cloudWatch(WHARF.endpoint());
    }

    @AfterEach
    void close() {
        cloudWatch.close();
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }

    private GetMetricStatisticsResponse statistics(String metric, Dimension... dimensions) {
        return cloudWatch.getMetricStatistics(r -> r.namespace(namespace).metricName(metric).dimensions(dimensions)
                .startTime(minute.minus(Duration.ofMinutes(10))).endTime(minute.plus(Duration.ofMinutes(10)))
                .period(60).statistics(Statistic.SUM, Statistic.SAMPLE_COUNT, Statistic.MINIMUM, Statistic.MAXIMUM,
                        Statistic.AVERAGE));
    }

    @Test
    void whatIsPutIsReadBack() {
        Dimension shard = dimension("ShardId", "shardId-000000000000");
        Dimension operation = dimension("Operation", "ProcessTask");
        cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(
                MetricDatum.builder().metricName("RecordsProcessed").value(10.0).unit(StandardUnit.COUNT)
                        .timestamp(minute.plusSeconds(1)).dimensions(shard, operation).build(),
                MetricDatum.builder().metricName("RecordsProcessed").values(1.0, 5.0).counts(2.0, 1.0)
                        .unit(StandardUnit.COUNT).timestamp(minute.plusMillis(30_500)).dimensions(operation, shard)
                        .build(),
                MetricDatum.builder().metricName("Time").unit(StandardUnit.MILLISECONDS).timestamp(minute)
                        .statisticValues(StatisticSet.builder().sampleCount(4.0).sum(100.0).minimum(5.0)
                                .maximum(50.0).build()).storageResolution(1).build()));

        GetMetricStatisticsResponse records = statistics("RecordsProcessed", shard, operation);
        assertThat(records.label()).isEqualTo("RecordsProcessed");
        Datapoint point = records.datapoints().get(0);
        assertThat(records.datapoints()).hasSize(1);
        assertThat(point.timestamp()).isEqualTo(minute);
        assertThat(point.sum()).isEqualTo(17.0);
        assertThat(point.sampleCount()).isEqualTo(4.0);
        assertThat(point.minimum()).isEqualTo(1.0);
        assertThat(point.maximum()).isEqualTo(10.0);
        assertThat(point.average()).isEqualTo(4.25);
        assertThat(point.unit()).isEqualTo(StandardUnit.COUNT);

        Datapoint time = statistics("Time").datapoints().get(0);
        assertThat(time.sum()).isEqualTo(100.0);
        assertThat(time.unit()).isEqualTo(StandardUnit.MILLISECONDS);
        assertThat(statistics("Time", shard).datapoints()).as("other dimensions, another metric").isEmpty();
        assertThat(cloudWatch.getMetricStatistics(r -> r.namespace(namespace).metricName("Time")
                        .startTime(minute).endTime(minute.plusSeconds(10)).period(1).statistics(Statistic.SUM))
                .datapoints()).as("high resolution: one-second periods")
                .singleElement().extracting(Datapoint::timestamp).isEqualTo(minute);

        ListMetricsResponse all = cloudWatch.listMetrics(r -> r.namespace(namespace));
        assertThat(all.metrics()).extracting(Metric::metricName).containsExactly("RecordsProcessed", "Time");
        assertThat(all.metrics().get(0).dimensions()).containsExactly(operation, shard);
        assertThat(cloudWatch.listMetrics(r -> r.namespace(namespace)
                .dimensions(DimensionFilter.builder().name("ShardId").build())).metrics())
                .extracting(Metric::metricName).containsExactly("RecordsProcessed");
        assertThat(cloudWatch.listMetrics(r -> r.namespace(namespace).metricName("Nothing")).metrics()).isEmpty();
    }

    @Test
    void listMetricsPages() {
        List<MetricDatum> data = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            data.add(MetricDatum.builder().metricName(String.format("m%03d", i)).value((double) i).build());
        }
        cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(data));
        ListMetricsResponse first = cloudWatch.listMetrics(r -> r.namespace(namespace));
        assertThat(first.metrics()).hasSize(500);
        ListMetricsResponse second = cloudWatch.listMetrics(r -> r.namespace(namespace).nextToken(first.nextToken()));
        assertThat(second.metrics()).extracting(Metric::metricName).containsExactly("m500");
        assertThat(second.nextToken()).isNull();
        assertThat(cloudWatch.listMetricsPaginator(r -> r.namespace(namespace)).metrics().stream().count())
                .isEqualTo(501);
    }

    private static <T extends CloudWatchException> T error(Class<T> type, Runnable call, String code, String message) {
        T e = catchThrowableOfType(type, call::run);
        assertThat(e).as("expected " + type.getSimpleName()).isNotNull();
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        return e;
    }

    @Test
    void awsErrors() {
        error(InvalidParameterValueException.class, () -> cloudWatch.putMetricData(r -> r.namespace("AWS/EC2")
                        .metricData(MetricDatum.builder().metricName("m").value(1.0).build())),
                "InvalidParameterValue", "The value AWS/EC2 for parameter Namespace is invalid.");
        error(InvalidParameterCombinationException.class, () -> cloudWatch.putMetricData(r -> r.namespace(namespace)
                        .metricData(MetricDatum.builder().metricName("m").value(1.0).values(2.0).build())),
                "InvalidParameterCombination", "The parameters MetricData.member.1.Value and MetricData.member.1.Values "
                        + "are mutually exclusive and you have specified both.");
        error(InvalidParameterValueException.class, () -> cloudWatch.putMetricData(r -> r.namespace(namespace)
                        .metricData(MetricDatum.builder().metricName("m").value(1.0).build(),
                                MetricDatum.builder().metricName("m").value(1.0)
                                        .timestamp(Instant.now().minus(Duration.ofDays(15))).build())),
                "InvalidParameterValue",
                "The parameter MetricData.member.2.Timestamp must specify a time within the past two weeks.");
        error(InvalidParameterValueException.class, () -> cloudWatch.putMetricData(r -> r.namespace(namespace)
                        .metricData(MetricDatum.builder().metricName("m").values(1.0, 2.0).counts(1.0).build())),
                "InvalidParameterValue", "The parameters MetricData.member.1.Values and MetricData.member.1.Counts "
                        + "must be of the same size.");
        error(CloudWatchException.class, () -> cloudWatch.putMetricData(r -> r.namespace(namespace)
                        .metricData(MetricDatum.builder().value(1.0).build())),
                "ValidationError", "1 validation error detected: Value null at 'metricData.1.member.metricName' failed "
                        + "to satisfy constraint: Member must not be null");
        error(InvalidParameterValueException.class, () -> cloudWatch.getMetricStatistics(r -> r.namespace(namespace)
                        .metricName("m").startTime(minute).endTime(minute).period(60).statistics(Statistic.SUM)),
                "InvalidParameterValue", "The parameter StartTime must be less than the parameter EndTime.");
        error(InvalidParameterCombinationException.class, () -> cloudWatch.getMetricStatistics(r -> r
                        .namespace(namespace).metricName("m").startTime(minute).endTime(minute.plus(Duration.ofDays(1)))
                        .period(1).statistics(Statistic.SUM)),
                "InvalidParameterCombination", "You have requested up to 86400 datapoints, which exceeds the limit of "
                        + "1440. You may reduce the datapoints requested by increasing Period, or decreasing the time "
                        + "range.");
        assertThat(cloudWatch.listMetrics(r -> r.namespace(namespace)).metrics()).as("nothing was stored").isEmpty();
    }

    @Test
    void operationsNotBuiltAnswerACleanError() {
        CloudWatchException e = catchThrowableOfType(CloudWatchException.class, () -> cloudWatch.listDashboards());
        assertThat(e).isNotNull();
        assertThat(e.statusCode()).isEqualTo(501);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Wharf does not implement ListDashboards yet.");
    }

    /** What the KCL's metrics publisher sends: the async (Netty) client, statistic sets, 20 data a call. */
    @Test
    void theAsyncClientAsTheKclUsesIt() throws Exception {
        List<MetricDatum> data = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            data.add(MetricDatum.builder().metricName("RecordsProcessed")
                    .dimensions(dimension("Operation", "ProcessTask"), dimension("ShardId", "shardId-" + i))
                    .statisticValues(StatisticSet.builder().sampleCount(2.0).sum(10.0).minimum(4.0).maximum(6.0)
                            .build())
                    .unit(StandardUnit.COUNT).timestamp(minute.plusSeconds(i)).build());
        }
        try (CloudWatchAsyncClient async = CloudWatchAsyncClient.builder().endpointOverride(WHARF.endpoint())
                .region(Clients.REGION).credentialsProvider(Clients.CREDENTIALS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()).build()) {
            async.putMetricData(r -> r.namespace(namespace).metricData(data)).get(30, TimeUnit.SECONDS);
            assertThat(async.listMetrics(r -> r.namespace(namespace)).get(30, TimeUnit.SECONDS).metrics()).hasSize(20);
        }
        Datapoint point = statistics("RecordsProcessed", dimension("ShardId", "shardId-7"),
                dimension("Operation", "ProcessTask")).datapoints().get(0);
        assertThat(point.sum()).isEqualTo(10.0);
        assertThat(point.average()).isEqualTo(5.0);
    }

    @Test
    void datapointsComeInTimeOrder() {
        cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(
                MetricDatum.builder().metricName("o").value(2.0).timestamp(minute.plusSeconds(60)).build(),
                MetricDatum.builder().metricName("o").value(1.0).timestamp(minute).build()));
        List<Datapoint> points = statistics("o").datapoints();
        assertThat(points).extracting(Datapoint::sum).containsExactly(1.0, 2.0);
        assertThat(points).isSortedAccordingTo(Comparator.comparing(Datapoint::timestamp));
    }
}
