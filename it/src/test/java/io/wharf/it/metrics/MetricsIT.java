package io.wharf.it.metrics;

import io.wharf.protocol.auth.AuthMode;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code GET /_wharf/metrics} through real SDK calls: the request series count exactly the calls made between two
 * scrapes, by service, operation, status class and error code; the JVM and process series are there; the endpoint
 * answers unsigned under {@code --auth enforce}, as health does, while {@code /metrics} stays S3's.
 */
class MetricsIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterAll
    static void closeHttp() {
        HTTP.close();
    }

    static HttpResponse<String> get(URI endpoint, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(endpoint.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static PrometheusText scrape(URI endpoint) throws Exception {
        HttpResponse<String> answer = get(endpoint, "/_wharf/metrics");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        return PrometheusText.parse(answer.body());
    }

    @Test
    void requestSeriesCountTheCallsByServiceOperationAndOutcome() throws Exception {
        SqsClient sqs = WHARF.sqs();
        String url = sqs.createQueue(r -> r.queueName("metrics-requests")).queueUrl();
        PrometheusText before = scrape(WHARF.endpoint());
        for (int i = 0; i < 3; i++) {
            int n = i;
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("m" + n));
        }
        sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName("metrics-no-such-queue")))
                    .isInstanceOf(QueueDoesNotExistException.class);
        }
        PrometheusText after = scrape(WHARF.endpoint());

        String[] sends = {"service", "sqs", "operation", "SendMessage", "status", "2xx", "error_code", "none"};
        assertThat(after.value("wharf_requests_total", sends) - before.sum("wharf_requests_total", sends))
                .isEqualTo(3.0);
        String[] sendTimes = {"service", "sqs", "operation", "SendMessage", "status", "2xx"};
        assertThat(after.value("wharf_request_duration_seconds_count", sendTimes)
                - before.sum("wharf_request_duration_seconds_count", sendTimes)).isEqualTo(3.0);
        // the histogram's buckets are cumulative and end with +Inf = the count
        assertThat(after.value("wharf_request_duration_seconds_bucket", "service", "sqs", "operation", "SendMessage",
                "status", "2xx", "le", "+Inf")).isEqualTo(after.value("wharf_request_duration_seconds_count",
                sendTimes));
        assertThat(after.find("wharf_request_duration_seconds_bucket", sendTimes)).hasSizeGreaterThan(10);
        assertThat(after.value("wharf_request_bytes_total", "service", "sqs", "operation", "SendMessage")
                - before.sum("wharf_request_bytes_total", "service", "sqs", "operation", "SendMessage"))
                .isGreaterThan(0.0);
        assertThat(after.value("wharf_requests_total", "service", "sqs", "operation", "ReceiveMessage")
                - before.sum("wharf_requests_total", "service", "sqs", "operation", "ReceiveMessage")).isEqualTo(1.0);

        String[] misses = {"service", "sqs", "operation", "GetQueueUrl", "status", "4xx"};
        assertThat(after.find("wharf_requests_total", misses)).singleElement()
                .satisfies(s -> assertThat(s.labels().get("error_code")).isNotEqualTo("none").isNotBlank());
        assertThat(after.sum("wharf_requests_total", misses) - before.sum("wharf_requests_total", misses))
                .isEqualTo(2.0);
    }

    @Test
    void jvmAndProcessSeriesAreExposed() throws Exception {
        PrometheusText metrics = scrape(WHARF.endpoint());
        assertThat(metrics.sum("jvm_memory_used_bytes", "area", "heap")).isGreaterThan(0.0);
        assertThat(metrics.find("jvm_threads_live_threads")).isNotEmpty();
        assertThat(metrics.find("jvm_classes_loaded_classes")).isNotEmpty();
        assertThat(metrics.value("system_cpu_count")).isGreaterThanOrEqualTo(1.0);
        assertThat(metrics.value("process_uptime_seconds")).isGreaterThan(0.0);
        assertThat(metrics.value("process_files_open_files")).isGreaterThan(0.0);
        assertThat(metrics.find("process_start_time_seconds")).isNotEmpty();
    }

    @Test
    void metricsAnswerUnsignedUnderEnforcedAuthAndSlashMetricsStaysS3s() throws Exception {
        try (io.wharf.server.Wharf enforced = io.wharf.server.Wharf.start(io.wharf.server.config.WharfConfig.builder()
                .port(0).inMemory(true).auth(AuthMode.ENFORCE)
                .rootAccessKeyId("AKIDMETRICSTEST").rootSecretAccessKey("metrics-test-secret").build())) {
            URI endpoint = URI.create(enforced.endpoint());
            PrometheusText metrics = scrape(endpoint);
            assertThat(metrics.value("process_uptime_seconds")).isGreaterThan(0.0);
            HttpResponse<String> s3 = get(endpoint, "/metrics");
            assertThat(s3.statusCode()).isEqualTo(403); // an unsigned S3 request for bucket "metrics"
            assertThat(s3.body()).contains("<Error>");
            assertThat(s3.body()).doesNotContain("process_uptime_seconds");
        }
    }
}
