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

    @Test
    void queueTopicAndStreamSeriesFollowTheirResources() throws Exception {
        URI endpoint = WHARF.endpoint();
        SqsClient sqs = WHARF.sqs();
        String url = sqs.createQueue(r -> r.queueName("metrics-depth")).queueUrl();
        for (int i = 0; i < 3; i++) {
            int n = i;
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("m" + n));
        }
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("later").delaySeconds(900));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(1).visibilityTimeout(900)).messages())
                .hasSize(1);
        PrometheusText metrics = scrape(endpoint);
        String[] queue = {"account", "000000000000", "region", "us-east-1", "queue", "metrics-depth"};
        assertThat(metrics.value("wharf_sqs_messages_visible", queue)).isEqualTo(2.0);
        assertThat(metrics.value("wharf_sqs_messages_in_flight", queue)).isEqualTo(1.0);
        assertThat(metrics.value("wharf_sqs_messages_delayed", queue)).isEqualTo(1.0);
        assertThat(metrics.value("wharf_sqs_oldest_message_age_seconds", queue)).isGreaterThanOrEqualTo(0.0);
        assertThat(metrics.value("wharf_sqs_memory_window_messages")).as("the two visible and the delayed one, at least")
                .isGreaterThanOrEqualTo(3.0);
        assertThat(metrics.value("wharf_sqs_memory_content_bytes")).isPositive();
        assertThat(metrics.value("wharf_resources", "kind", "queue")).isGreaterThanOrEqualTo(1.0);
        sqs.deleteQueue(r -> r.queueUrl(url));
        assertThat(scrape(endpoint).find("wharf_sqs_messages_visible", queue)).isEmpty();

        // SNS: a publish fanned out to a queue
        try (software.amazon.awssdk.services.sns.SnsClient sns = io.wharf.testkit.Clients.sns(endpoint)) {
            String target = sqs.createQueue(r -> r.queueName("metrics-fanout")).queueUrl();
            String targetArn = sqs.getQueueAttributes(r -> r.queueUrl(target).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings().get("QueueArn");
            String topicArn = sns.createTopic(r -> r.name("metrics-topic")).topicArn();
            sqs.setQueueAttributes(r -> r.queueUrl(target).attributesWithStrings(java.util.Map.of("Policy",
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                            + "\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + targetArn
                            + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"" + topicArn + "\"}}}]}")));
            sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(targetArn));
            sns.publish(r -> r.topicArn(topicArn).message("one"));
            sns.publish(r -> r.topicArn(topicArn).message("two"));
            String[] topic = {"account", "000000000000", "region", "us-east-1", "topic", "metrics-topic"};
            PrometheusText afterPublish = scrape(endpoint);
            assertThat(afterPublish.value("wharf_sns_published_messages_total", topic)).isEqualTo(2.0);
            // delivery is asynchronous: wait (bounded) until both are counted as delivered to sqs
            String[] delivered = {"topic", "metrics-topic", "protocol", "sqs", "outcome", "delivered"};
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            PrometheusText later = afterPublish;
            while (later.sum("wharf_sns_notifications_total", delivered) < 2.0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                later = scrape(endpoint);
            }
            assertThat(later.value("wharf_sns_notifications_total", delivered)).isEqualTo(2.0);
            assertThat(later.find("wharf_sns_notifications_total", "topic", "metrics-topic", "outcome", "failed"))
                    .isEmpty();
            assertThat(later.value("wharf_sns_delivery_retries_total", topic)).isEqualTo(0.0);
            assertThat(later.value("wharf_sns_outbox_entries", topic)).isEqualTo(0.0);
        }

        // Kinesis: records put and read back
        try (software.amazon.awssdk.services.kinesis.KinesisClient kinesis = io.wharf.testkit.Clients.kinesis(endpoint)) {
            kinesis.createStream(r -> r.streamName("metrics-stream").shardCount(1));
            long activeBy = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (kinesis.describeStreamSummary(r -> r.streamName("metrics-stream")).streamDescriptionSummary()
                    .streamStatus() != software.amazon.awssdk.services.kinesis.model.StreamStatus.ACTIVE) {
                assertThat(System.nanoTime()).as("the stream becomes ACTIVE").isLessThan(activeBy);
                Thread.sleep(50);
            }
            for (int i = 0; i < 3; i++) {
                kinesis.putRecord(r -> r.streamName("metrics-stream").partitionKey("pk")
                        .data(software.amazon.awssdk.core.SdkBytes.fromUtf8String("0123456789")));
            }
            String shard = kinesis.listShards(r -> r.streamName("metrics-stream")).shards().get(0).shardId();
            String iterator = kinesis.getShardIterator(r -> r.streamName("metrics-stream").shardId(shard)
                    .shardIteratorType("TRIM_HORIZON")).shardIterator();
            assertThat(kinesis.getRecords(r -> r.shardIterator(iterator)).records()).hasSize(3);
            PrometheusText streams = scrape(endpoint);
            String[] stream = {"account", "000000000000", "region", "us-east-1", "stream", "metrics-stream"};
            assertThat(streams.value("wharf_kinesis_incoming_records_total", stream)).isEqualTo(3.0);
            assertThat(streams.value("wharf_kinesis_incoming_bytes_total", stream)).isEqualTo(3 * 12.0);
            assertThat(streams.value("wharf_kinesis_outgoing_records_total", stream)).isEqualTo(3.0);
            assertThat(streams.value("wharf_kinesis_outgoing_bytes_total", stream)).isEqualTo(3 * 10.0);
            assertThat(streams.value("wharf_kinesis_iterator_age_milliseconds", stream)).isEqualTo(0.0);
            assertThat(streams.value("wharf_kinesis_subscriptions", stream)).isEqualTo(0.0);
            assertThat(streams.value("wharf_kinesis_open_shards", stream)).isEqualTo(1.0);
            String[] perShard = {"account", "000000000000", "region", "us-east-1", "stream", "metrics-stream",
                    "shard", shard};
            assertThat(streams.value("wharf_kinesis_shard_incoming_records_total", perShard)).isEqualTo(3.0);
            assertThat(streams.value("wharf_kinesis_shard_incoming_bytes_total", perShard)).isEqualTo(3 * 12.0);
            assertThat(streams.value("wharf_kinesis_shard_outgoing_records_total", perShard)).isEqualTo(3.0);
            assertThat(streams.value("wharf_kinesis_shard_outgoing_bytes_total", perShard)).isEqualTo(3 * 10.0);
            assertThat(streams.value("wharf_kinesis_shard_iterator_age_milliseconds", perShard)).isEqualTo(0.0);
        }
    }

    @Test
    void storeSeriesCountItsGroupCommits() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("wharf-metrics");
        try (io.wharf.server.Wharf durable = io.wharf.server.Wharf.start(io.wharf.server.config.WharfConfig.builder()
                .port(0).dataDir(dir).build())) {
            URI endpoint = URI.create(durable.endpoint());
            PrometheusText before = scrape(endpoint);
            try (SqsClient sqs = io.wharf.testkit.Clients.sqs(endpoint)) {
                String url = sqs.createQueue(r -> r.queueName("metrics-store")).queueUrl();
                sqs.sendMessage(r -> r.queueUrl(url).messageBody("durable"));
            }
            PrometheusText after = scrape(endpoint);
            assertThat(after.value("wharf_store_group_commits_total")).isGreaterThan(
                    before.value("wharf_store_group_commits_total"));
            assertThat(after.value("wharf_store_batches_total")).isGreaterThanOrEqualTo(
                    after.value("wharf_store_group_commits_total"));
            assertThat(after.value("wharf_store_written_bytes_total")).isGreaterThan(
                    before.value("wharf_store_written_bytes_total"));
            assertThat(after.value("wharf_store_write_seconds_total")).isGreaterThan(0.0);
            assertThat(after.value("wharf_store_write_max_seconds")).isGreaterThan(0.0)
                    .isLessThanOrEqualTo(after.value("wharf_store_write_seconds_total"));
            assertThat(after.value("wharf_store_group_commits_slow_total"))
                    .isBetween(0.0, after.value("wharf_store_group_commits_total"));
            assertThat(after.value("wharf_store_data_dir_bytes")).isGreaterThan(0.0);
        } finally {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
