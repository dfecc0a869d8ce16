package io.wharf.it.cloudwatch;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' own metrics as CloudWatch shows them after known traffic: AWS/SQS, AWS/SNS, AWS/Kinesis (stream level
 * and, with enhanced monitoring, shard level) and AWS/Firehose, read back through ListMetrics and
 * GetMetricStatistics. The server publishes every second (--cloudwatch-publish-interval 1), so a test waits for a
 * publish (polling, bounded), never for a minute; the datapoints keep AWS's one-minute periods, so the sums below add
 * every period of the last minutes.
 */
class AwsMetricsIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder()
            .configure(c -> c.cloudWatchPublishInterval(Duration.ofSeconds(1)).kinesisTransitionMillis(0)
                    .firehoseTransitionMillis(0)).build();

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private CloudWatchClient cloudWatch;

    @BeforeEach
    void client() {
        cloudWatch = Clients.cloudWatch(WHARF.endpoint());
    }

    @AfterEach
    void close() {
        cloudWatch.close();
    }

    /** The datapoints of the last ten minutes (and the next two: the one being filled), one-minute periods. */
    private List<Datapoint> datapoints(String namespace, String metric, Statistic statistic, Dimension... dimensions) {
        Instant now = Instant.now();
        return cloudWatch.getMetricStatistics(r -> r.namespace(namespace).metricName(metric).dimensions(dimensions)
                .startTime(now.minus(Duration.ofMinutes(10))).endTime(now.plus(Duration.ofMinutes(2))).period(60)
                .statistics(statistic)).datapoints();
    }

    private double sum(String namespace, String metric, Dimension... dimensions) {
        return datapoints(namespace, metric, Statistic.SUM, dimensions).stream().mapToDouble(Datapoint::sum).sum();
    }

    private double maximum(String namespace, String metric, Dimension... dimensions) {
        return datapoints(namespace, metric, Statistic.MAXIMUM, dimensions).stream()
                .mapToDouble(Datapoint::maximum).max().orElse(Double.NaN);
    }

    private double minimum(String namespace, String metric, Dimension... dimensions) {
        return datapoints(namespace, metric, Statistic.MINIMUM, dimensions).stream()
                .mapToDouble(Datapoint::minimum).min().orElse(Double.NaN);
    }

    /** Polls until {@code value} gives {@code expected} (a publish a second: 15 s is generous), then asserts it. */
    private static void await(String what, Supplier<Double> value, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        double last = value.get();
        while (last != expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = value.get();
        }
        assertThat(last).as(what).isEqualTo(expected);
    }

    private List<String> names(String namespace, DimensionFilter... filters) {
        return cloudWatch.listMetrics(r -> r.namespace(namespace).dimensions(filters)).metrics().stream()
                .map(Metric::metricName).distinct().sorted().toList();
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }

    @Test
    void sqsQueueDepthAndActivity() throws Exception {
        String name = "orders-" + suffix;
        Dimension queue = dimension("QueueName", name);
        Dimension idleQueue = dimension("QueueName", "idle-" + suffix);
        try (SqsClient sqs = Clients.sqs(WHARF.endpoint())) {
            String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
            String idle = sqs.createQueue(r -> r.queueName("idle-" + suffix)).queueUrl();
            sqs.sendMessageBatch(r -> r.queueUrl(url).entries(
                    SendMessageBatchRequestEntry.builder().id("a").messageBody("a".repeat(100)).build(),
                    SendMessageBatchRequestEntry.builder().id("b").messageBody("b".repeat(200)).build(),
                    SendMessageBatchRequestEntry.builder().id("c").messageBody("c".repeat(300)).build()));
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("d".repeat(50)).delaySeconds(900));
            // three visible at once: wait until a publish has seen them
            await("visible after the batch", () -> maximum("AWS/SQS", "ApproximateNumberOfMessagesVisible", queue),
                    3);

            Message first = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(1)).messages().get(0);
            sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(first.receiptHandle()));
            assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(1)).messages()).hasSize(1);
            assertThat(sqs.receiveMessage(r -> r.queueUrl(idle).waitTimeSeconds(0)).messages()).isEmpty();

            await("sent", () -> sum("AWS/SQS", "NumberOfMessagesSent", queue), 4);
            await("received", () -> sum("AWS/SQS", "NumberOfMessagesReceived", queue), 2);
            await("deleted", () -> sum("AWS/SQS", "NumberOfMessagesDeleted", queue), 1);
            await("empty receives", () -> sum("AWS/SQS", "NumberOfEmptyReceives", idleQueue), 1);
            // reported only while there are such messages: every sample is the one in flight, the one delayed
            await("in flight", () -> maximum("AWS/SQS", "ApproximateNumberOfMessagesNotVisible", queue), 1);
            assertThat(minimum("AWS/SQS", "ApproximateNumberOfMessagesNotVisible", queue)).isEqualTo(1);
            assertThat(minimum("AWS/SQS", "ApproximateNumberOfMessagesDelayed", queue)).isEqualTo(1);
            assertThat(maximum("AWS/SQS", "ApproximateNumberOfMessagesDelayed", queue)).isEqualTo(1);
            assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                    .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).isEqualTo("1");
        }

        List<Datapoint> sizes = cloudWatch.getMetricStatistics(r -> r.namespace("AWS/SQS")
                .metricName("SentMessageSize").dimensions(queue).startTime(Instant.now().minus(Duration.ofMinutes(10)))
                .endTime(Instant.now().plus(Duration.ofMinutes(2))).period(600).statistics(Statistic.SAMPLE_COUNT,
                        Statistic.SUM, Statistic.MINIMUM, Statistic.MAXIMUM)).datapoints();
        assertThat(sizes.stream().mapToDouble(Datapoint::sampleCount).sum()).as("one sample per message").isEqualTo(4);
        assertThat(sizes.stream().mapToDouble(Datapoint::sum).sum()).isEqualTo(650);
        assertThat(sizes.stream().mapToDouble(Datapoint::minimum).min().orElseThrow()).isEqualTo(50);
        assertThat(sizes.stream().mapToDouble(Datapoint::maximum).max().orElseThrow()).isEqualTo(300);
        assertThat(sizes).allSatisfy(d -> assertThat(d.unit()).isEqualTo(StandardUnit.BYTES));
        assertThat(datapoints("AWS/SQS", "ApproximateAgeOfOldestMessage", Statistic.MAXIMUM, queue))
                .allSatisfy(d -> assertThat(d.unit()).isEqualTo(StandardUnit.SECONDS)).isNotEmpty();

        assertThat(names("AWS/SQS", DimensionFilter.builder().name("QueueName").value(name).build()))
                .containsExactly("ApproximateAgeOfOldestMessage", "ApproximateNumberOfMessagesDelayed",
                        "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesVisible",
                        "NumberOfEmptyReceives", "NumberOfMessagesDeleted", "NumberOfMessagesReceived",
                        "NumberOfMessagesSent", "SentMessageSize");
        assertThat(names("AWS/SQS", DimensionFilter.builder().name("QueueName").value("idle-" + suffix).build()))
                .as("an empty queue reports neither age nor in-flight nor delayed messages, nor sizes")
                .containsExactly("ApproximateNumberOfMessagesVisible", "NumberOfEmptyReceives",
                        "NumberOfMessagesDeleted", "NumberOfMessagesReceived", "NumberOfMessagesSent");
    }

    @Test
    void snsPublishesAndDeliveries() throws Exception {
        String name = "events-" + suffix;
        Dimension topic = dimension("TopicName", name);
        try (SnsClient sns = Clients.sns(WHARF.endpoint()); SqsClient sqs = Clients.sqs(WHARF.endpoint())) {
            String topicArn = sns.createTopic(r -> r.name(name)).topicArn();
            String url = sqs.createQueue(r -> r.queueName("events-inbox-" + suffix)).queueUrl();
            String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            // as on AWS, the queue lets SNS send for the topic (needed when policies are enforced)
            sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY,
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\""
                            + queueArn + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"" + topicArn
                            + "\"}}}]}")));
            sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                    .attributes(Map.of("RawMessageDelivery", "true")));
            sns.publish(r -> r.topicArn(topicArn).message("x".repeat(10)));
            sns.publish(r -> r.topicArn(topicArn).message("y".repeat(30)));

            await("published", () -> sum("AWS/SNS", "NumberOfMessagesPublished", topic), 2);
            await("delivered", () -> sum("AWS/SNS", "NumberOfNotificationsDelivered", topic), 2);
            assertThat(sum("AWS/SNS", "NumberOfNotificationsFailed", topic)).isZero();
            List<Datapoint> sizes = datapoints("AWS/SNS", "PublishSize", Statistic.SUM, topic);
            assertThat(sizes.stream().mapToDouble(Datapoint::sum).sum()).isEqualTo(40);
            assertThat(sizes).allSatisfy(d -> assertThat(d.unit()).isEqualTo(StandardUnit.BYTES));
            assertThat(maximum("AWS/SNS", "PublishSize", topic)).isEqualTo(30);
        }
    }

    @Test
    void kinesisStreamAndEnhancedShardMetrics() throws Exception {
        String name = "clicks-" + suffix;
        Dimension stream = dimension("StreamName", name);
        try (KinesisClient kinesis = Clients.kinesis(WHARF.endpoint())) {
            kinesis.createStream(r -> r.streamName(name).shardCount(2));
            kinesis.enableEnhancedMonitoring(r -> r.streamName(name).shardLevelMetrics(MetricsName.INCOMING_RECORDS,
                    MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_RECORDS, MetricsName.ITERATOR_AGE_MILLISECONDS));
            Map<String, Integer> putPerShard = new HashMap<>();
            String first = kinesis.putRecord(r -> r.streamName(name).partitionKey("a")
                    .data(SdkBytes.fromUtf8String("0".repeat(10)))).shardId();
            putPerShard.merge(first, 1, Integer::sum);
            kinesis.putRecords(r -> r.streamName(name).records(List.of("k1", "k2", "k3").stream()
                    .map(k -> PutRecordsRequestEntry.builder().partitionKey(k)
                            .data(SdkBytes.fromUtf8String("1".repeat(20))).build()).toList()))
                    .records().forEach(e -> putPerShard.merge(e.shardId(), 1, Integer::sum));
            int read = 0;
            for (Shard shard : kinesis.listShards(r -> r.streamName(name)).shards()) {
                String iterator = kinesis.getShardIterator(r -> r.streamName(name).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                read += kinesis.getRecords(r -> r.shardIterator(iterator)).records().size();
            }
            assertThat(read).isEqualTo(4);

            await("incoming records", () -> sum("AWS/Kinesis", "IncomingRecords", stream), 4);
            await("records read", () -> sum("AWS/Kinesis", "GetRecords.Records", stream), 4);
            // data and partition keys: 10 + 1, then 3 x (20 + 2)
            assertThat(sum("AWS/Kinesis", "IncomingBytes", stream)).isEqualTo(77);
            assertThat(sum("AWS/Kinesis", "PutRecord.Bytes", stream)).isEqualTo(11);
            assertThat(sum("AWS/Kinesis", "PutRecord.Success", stream)).isEqualTo(1);
            assertThat(sum("AWS/Kinesis", "PutRecords.Bytes", stream)).isEqualTo(66);
            assertThat(sum("AWS/Kinesis", "PutRecords.Records", stream)).isEqualTo(3);
            assertThat(sum("AWS/Kinesis", "PutRecords.FailedRecords", stream)).isZero();
            assertThat(sum("AWS/Kinesis", "GetRecords.Success", stream)).as("two calls").isEqualTo(2);
            assertThat(sum("AWS/Kinesis", "GetRecords.Bytes", stream)).isEqualTo(70);
            assertThat(datapoints("AWS/Kinesis", "GetRecords.Latency", Statistic.AVERAGE, stream))
                    .allSatisfy(d -> assertThat(d.unit()).isEqualTo(StandardUnit.MILLISECONDS)).isNotEmpty();
            assertThat(datapoints("AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", Statistic.MAXIMUM, stream))
                    .isNotEmpty();

            for (Map.Entry<String, Integer> e : putPerShard.entrySet()) {
                Dimension shard = dimension("ShardId", e.getKey());
                await("shard " + e.getKey() + " incoming", () -> sum("AWS/Kinesis", "IncomingRecords", stream, shard),
                        e.getValue());
                await("shard " + e.getKey() + " read", () -> sum("AWS/Kinesis", "OutgoingRecords", stream, shard),
                        e.getValue());
            }
            assertThat(names("AWS/Kinesis", DimensionFilter.builder().name("StreamName").value(name).build(),
                    DimensionFilter.builder().name("ShardId").build()))
                    .as("only the shard-level metrics turned on")
                    .containsExactly("IncomingBytes", "IncomingRecords", "IteratorAgeMilliseconds", "OutgoingRecords");
        }
    }

    @Test
    void firehoseIntakeAndDeliveryToS3() throws Exception {
        String name = "logs-" + suffix;
        String bucket = "lake-" + suffix;
        Dimension stream = dimension("DeliveryStreamName", name);
        try (FirehoseClient firehose = Clients.firehose(WHARF.endpoint()); S3Client s3 = Clients.s3(WHARF.endpoint())) {
            s3.createBucket(r -> r.bucket(bucket));
            firehose.createDeliveryStream(r -> r.deliveryStreamName(name).extendedS3DestinationConfiguration(d -> d
                    .roleARN("arn:aws:iam::000000000000:role/firehose").bucketARN("arn:aws:s3:::" + bucket)
                    .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))));
            firehose.putRecord(r -> r.deliveryStreamName(name).record(x -> x.data(SdkBytes.fromUtf8String("hello"))));
            firehose.putRecord(r -> r.deliveryStreamName(name)
                    .record(x -> x.data(SdkBytes.fromUtf8String("goodbye"))));

            await("incoming records", () -> sum("AWS/Firehose", "IncomingRecords", stream), 2);
            assertThat(sum("AWS/Firehose", "IncomingBytes", stream)).isEqualTo(12);
            await("delivered records", () -> sum("AWS/Firehose", "DeliveryToS3.Records", stream), 2);
            assertThat(sum("AWS/Firehose", "DeliveryToS3.Bytes", stream)).isEqualTo(12);
            List<Datapoint> success = datapoints("AWS/Firehose", "DeliveryToS3.Success", Statistic.AVERAGE, stream);
            assertThat(success).isNotEmpty().allSatisfy(d -> assertThat(d.average()).isEqualTo(1.0));
            assertThat(s3.listObjectsV2(r -> r.bucket(bucket)).contents()).isNotEmpty();
            assertThat(names("AWS/Firehose", DimensionFilter.builder().name("DeliveryStreamName").value(name).build()))
                    .contains("DeliveryToS3.DataFreshness", "IncomingBytes", "IncomingRecords");
        }
    }
}
