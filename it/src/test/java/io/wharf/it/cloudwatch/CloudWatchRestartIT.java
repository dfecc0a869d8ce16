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
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Metric data acknowledged by PutMetricData is there after a restart on the same data directory. */
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
}
