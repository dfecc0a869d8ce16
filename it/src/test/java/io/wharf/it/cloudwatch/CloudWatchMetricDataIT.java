package io.wharf.it.cloudwatch;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** GetMetricData through the SDK (Smithy RPC v2 CBOR): metric stats, metric math, order, pages and AWS's errors. */
class CloudWatchMetricDataIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private CloudWatchClient cloudWatch;
    private final String namespace = "Wharf/" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));

    @BeforeEach
    void client() {
        cloudWatch = Clients.cloudWatch(WHARF.endpoint());
        // Sent: 1, 2 (spread in minute 0), 6 (minute 1), 10 (minute 2); Received: 1 (minute 0), 3 (minute 2)
        cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(
                datum("Sent", 0, 1), datum("Sent", 0, 2), datum("Sent", 1, 6), datum("Sent", 2, 10),
                datum("Received", 0, 1), datum("Received", 2, 3)));
    }

    @AfterEach
    void close() {
        cloudWatch.close();
    }

    private MetricDatum datum(String name, int minutes, double value) {
        return MetricDatum.builder().metricName(name).value(value).timestamp(minute.plus(Duration.ofMinutes(minutes)))
                .build();
    }

    private MetricDataQuery stat(String id, String metric, String stat) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.metric(Metric.builder().namespace(namespace)
                .metricName(metric).build()).period(60).stat(stat)).build();
    }

    private static MetricDataQuery expression(String id, String expression) {
        return MetricDataQuery.builder().id(id).expression(expression).build();
    }

    private GetMetricDataResponse get(java.util.function.Consumer<GetMetricDataRequest.Builder> more,
                                      MetricDataQuery... queries) {
        return cloudWatch.getMetricData(r -> {
            r.startTime(minute).endTime(minute.plus(Duration.ofMinutes(5))).metricDataQueries(queries);
            more.accept(r);
        });
    }

    @Test
    void statsAndMathNewestFirst() {
        GetMetricDataResponse response = get(r -> { },
                stat("sent", "Sent", "Sum"),
                stat("received", "Received", "Sum").toBuilder().returnData(false).build(),
                stat("maxsent", "Sent", "Maximum").toBuilder().label("most sent").build(),
                stat("median", "Sent", "p50"),
                expression("backlog", "sent - received"),
                expression("total", "SUM([sent, received])"),
                expression("growth", "RATE(sent)"),
                expression("filled", "FILL(received, 0) * 2"));
        assertThat(response.metricDataResults()).extracting(MetricDataResult::id)
                .containsExactly("sent", "maxsent", "median", "backlog", "total", "growth", "filled");
        MetricDataResult sent = response.metricDataResults().get(0);
        assertThat(sent.label()).isEqualTo("Sent");
        assertThat(sent.statusCode()).isEqualTo(StatusCode.COMPLETE);
        assertThat(sent.timestamps()).containsExactly(minute.plusSeconds(120), minute.plusSeconds(60), minute);
        assertThat(sent.values()).containsExactly(10.0, 6.0, 3.0);
        assertThat(response.metricDataResults().get(1).label()).isEqualTo("most sent");
        assertThat(response.metricDataResults().get(1).values()).containsExactly(10.0, 6.0, 2.0);
        assertThat(response.metricDataResults().get(2).values()).as("p50 only where every value was the same")
                .containsExactly(10.0, 6.0);
        assertThat(response.metricDataResults().get(3).values()).containsExactly(7.0, 2.0);
        assertThat(response.metricDataResults().get(4).values()).containsExactly(13.0, 6.0, 4.0);
        assertThat(response.metricDataResults().get(5).values()).containsExactly(4.0 / 60, 3.0 / 60);
        assertThat(response.metricDataResults().get(6).values()).containsExactly(0.0, 0.0, 6.0, 0.0, 2.0);

        assertThat(get(r -> r.scanBy(ScanBy.TIMESTAMP_ASCENDING), stat("sent", "Sent", "Sum"))
                .metricDataResults().get(0).values()).containsExactly(3.0, 6.0, 10.0);
    }

    @Test
    void maxDatapointsPages() {
        GetMetricDataResponse first = get(r -> r.maxDatapoints(2), stat("sent", "Sent", "Sum"),
                stat("received", "Received", "Sum"));
        assertThat(first.metricDataResults().get(0).values()).containsExactly(10.0, 6.0);
        assertThat(first.metricDataResults().get(0).statusCode()).isEqualTo(StatusCode.PARTIAL_DATA);
        assertThat(first.nextToken()).isNotNull();
        GetMetricDataResponse second = get(r -> r.maxDatapoints(2).nextToken(first.nextToken()),
                stat("sent", "Sent", "Sum"), stat("received", "Received", "Sum"));
        assertThat(second.metricDataResults().get(0).values()).containsExactly(3.0);
        assertThat(second.metricDataResults().get(1).values()).containsExactly(3.0);
        assertThat(second.metricDataResults().get(1).statusCode()).isEqualTo(StatusCode.PARTIAL_DATA);
        GetMetricDataResponse third = get(r -> r.maxDatapoints(2).nextToken(second.nextToken()),
                stat("sent", "Sent", "Sum"), stat("received", "Received", "Sum"));
        assertThat(third.metricDataResults().get(1).values()).containsExactly(1.0);
        assertThat(third.metricDataResults()).allMatch(r -> r.statusCode() == StatusCode.COMPLETE);
        assertThat(third.nextToken()).isNull();
    }

    @Test
    void awsRulesOnTheQueries() {
        assertThat(error(stat("Sent", "Sent", "Sum")).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(error(stat("a", "Sent", "Sum"), stat("a", "Received", "Sum")).awsErrorDetails().errorMessage())
                .isEqualTo("The values for parameter id in MetricDataQueries are not unique.");
        assertThat(error(stat("a", "Sent", "Sum").toBuilder().expression("1").build()).awsErrorDetails()
                .errorCode()).isEqualTo("InvalidParameterCombination");
        assertThat(error(MetricDataQuery.builder().id("a").build()).awsErrorDetails().errorCode())
                .isEqualTo("MissingParameter");
        assertThat(error(stat("a", "Sent", "Sum"), expression("e", "a + b")).awsErrorDetails().errorMessage())
                .isEqualTo("Error in expression e: Unrecognized metric id b.");
        assertThat(catchThrowableOfType(CloudWatchException.class, () -> get(r -> r.maxDatapoints(0),
                stat("a", "Sent", "Sum"))).awsErrorDetails().errorMessage())
                .isEqualTo("The value 0 for parameter MaxDatapoints is invalid.");
    }

    private CloudWatchException error(MetricDataQuery... queries) {
        return catchThrowableOfType(CloudWatchException.class, () -> get(r -> { }, queries));
    }
}
