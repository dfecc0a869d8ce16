package io.wharf.server.awsmetrics;

import io.wharf.cloudwatch.engine.Datapoint;
import io.wharf.cloudwatch.engine.Dimension;
import io.wharf.cloudwatch.engine.MetricId;
import io.wharf.cloudwatch.engine.MetricsEngine;
import io.wharf.kinesis.engine.StreamCounters;
import io.wharf.kinesis.engine.StreamRef;
import io.wharf.protocol.metrics.Distribution;
import io.wharf.sns.engine.DeliveryCounters;
import io.wharf.sqs.engine.QueueCounters;
import io.wharf.sqs.engine.QueueId;
import io.wharf.sqs.engine.QueueStats;
import io.wharf.storage.MemoryStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The publisher over plain statistics (the engines' own counting is tested in their modules) into a real engine. */
class AwsMetricsPublisherTest {
    private static final long NOW = 1_764_759_000_000L + 10_000; // ten seconds into a minute
    private static final String ACCOUNT = "111122223333";
    private static final String REGION = "eu-west-1";
    private final AtomicLong millis = new AtomicLong(NOW);
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    };
    private final MetricsEngine cloudWatch = new MetricsEngine(new MemoryStore(), clock);

    private AwsMetricsPublisher publisher(MetricSource... sources) {
        return new AwsMetricsPublisher(cloudWatch, clock, Duration.ofSeconds(1), List.of(sources));
    }

    private List<Datapoint> stats(String namespace, String metric, Dimension... dimensions) {
        return cloudWatch.statistics(ACCOUNT, REGION, namespace, metric, List.of(dimensions), NOW - 3_600_000,
                NOW + 3_600_000, 3600, null, true, List.of());
    }

    private List<String> names(String namespace) {
        return cloudWatch.list(ACCOUNT, REGION, namespace, null, List.of(), false, null).metrics().stream()
                .map(MetricId::metricName).distinct().sorted().toList();
    }

    private static Distribution.Summary summary(double... values) {
        Distribution d = new Distribution();
        for (double v : values) {
            d.record(v);
        }
        return d.drain();
    }

    // ---------------------------------------------------------------- AWS/SQS

    private final QueueId orders = new QueueId(ACCOUNT, REGION, "orders");
    private final List<QueueStats> queueStats = new ArrayList<>();
    private final List<QueueCounters> queueCounters = new ArrayList<>();

    private AwsMetricsPublisher sqs(int cap) {
        return publisher(new SqsMetrics(() -> List.copyOf(queueStats), () -> List.copyOf(queueCounters), cap));
    }

    @Test
    void anActiveQueueReportsItsDepthAndWhatWasDoneSinceTheLastInterval() {
        AwsMetricsPublisher publisher = sqs(10);
        queueStats.add(new QueueStats(orders, 3, 0, 0, 42));
        queueCounters.add(new QueueCounters(orders, 5, 2, 1, 4, summary(50, 150, 100, 100, 100), NOW));
        publisher.publishOnce();
        millis.addAndGet(1000);
        queueStats.set(0, new QueueStats(orders, 1, 2, 0, 43));
        queueCounters.set(0, new QueueCounters(orders, 7, 4, 1, 4, summary(10, 20), NOW + 1000));
        publisher.publishOnce();

        Dimension queue = new Dimension("QueueName", "orders");
        Datapoint sent = stats("AWS/SQS", "NumberOfMessagesSent", queue).get(0);
        assertThat(sent.aggregate().sum()).as("5, then 2 more").isEqualTo(7);
        assertThat(sent.aggregate().sampleCount()).as("one sample per interval").isEqualTo(2);
        assertThat(sent.unit()).isEqualTo("Count");
        assertThat(stats("AWS/SQS", "NumberOfMessagesReceived", queue).get(0).aggregate().sum()).isEqualTo(4);
        assertThat(stats("AWS/SQS", "NumberOfMessagesDeleted", queue).get(0).aggregate().sum()).isEqualTo(1);
        assertThat(stats("AWS/SQS", "NumberOfEmptyReceives", queue).get(0).aggregate().sum()).isEqualTo(4);
        Datapoint visible = stats("AWS/SQS", "ApproximateNumberOfMessagesVisible", queue).get(0);
        assertThat(visible.aggregate().maximum()).isEqualTo(3);
        assertThat(visible.aggregate().minimum()).isEqualTo(1);
        Datapoint inFlight = stats("AWS/SQS", "ApproximateNumberOfMessagesNotVisible", queue).get(0);
        assertThat(inFlight.aggregate().sampleCount()).as("only while there are messages in flight").isEqualTo(1);
        assertThat(inFlight.aggregate().maximum()).isEqualTo(2);
        Datapoint age = stats("AWS/SQS", "ApproximateAgeOfOldestMessage", queue).get(0);
        assertThat(age.unit()).isEqualTo("Seconds");
        assertThat(age.aggregate().maximum()).isEqualTo(43);
        Datapoint size = stats("AWS/SQS", "SentMessageSize", queue).get(0);
        assertThat(size.unit()).isEqualTo("Bytes");
        assertThat(size.aggregate().sampleCount()).as("one sample per message").isEqualTo(7);
        assertThat(size.aggregate().sum()).isEqualTo(530);
        assertThat(size.aggregate().minimum()).isEqualTo(10);
        assertThat(size.aggregate().maximum()).isEqualTo(150);
        assertThat(names("AWS/SQS")).as("no delayed messages, none reported")
                .doesNotContain("ApproximateNumberOfMessagesDelayed");
    }

    @Test
    void aQueueIdleForSixHoursAndEmptyReportsNothingButAnEmptyQueueUsedLatelyReportsZeros() {
        QueueId idle = new QueueId(ACCOUNT, REGION, "idle");
        queueStats.add(new QueueStats(idle, 0, 0, 0, 0));
        queueCounters.add(new QueueCounters(idle, 0, 0, 0, 0, null, NOW - Duration.ofHours(6).toMillis() - 1));
        queueStats.add(new QueueStats(orders, 0, 0, 0, 0));
        queueCounters.add(new QueueCounters(orders, 0, 0, 0, 1, null, NOW - 60_000));
        sqs(10).publishOnce();

        assertThat(stats("AWS/SQS", "ApproximateNumberOfMessagesVisible", new Dimension("QueueName", "idle")))
                .isEmpty();
        assertThat(stats("AWS/SQS", "ApproximateNumberOfMessagesVisible", new Dimension("QueueName", "orders"))
                .get(0).aggregate().maximum()).isZero();
        assertThat(names("AWS/SQS")).containsExactly("ApproximateNumberOfMessagesVisible", "NumberOfEmptyReceives",
                "NumberOfMessagesDeleted", "NumberOfMessagesReceived", "NumberOfMessagesSent");
    }

    @Test
    void beyondTheCapAQueuePublishesNothingUntilAnEarlierOneGoes() {
        QueueId other = new QueueId(ACCOUNT, REGION, "other");
        queueStats.add(new QueueStats(orders, 1, 0, 0, 1));
        queueCounters.add(new QueueCounters(orders, 1, 0, 0, 0, null, NOW));
        queueStats.add(new QueueStats(other, 1, 0, 0, 1));
        queueCounters.add(new QueueCounters(other, 1, 0, 0, 0, null, NOW));
        AwsMetricsPublisher publisher = sqs(1);
        publisher.publishOnce();
        assertThat(stats("AWS/SQS", "NumberOfMessagesSent", new Dimension("QueueName", "other"))).isEmpty();

        queueStats.remove(0);
        queueCounters.remove(0);
        publisher.publishOnce();
        assertThat(stats("AWS/SQS", "NumberOfMessagesSent", new Dimension("QueueName", "other")).get(0)
                .aggregate().sum()).as("what it did while over the cap is not reported later").isZero();
        assertThat(stats("AWS/SQS", "ApproximateNumberOfMessagesVisible", new Dimension("QueueName", "other"))
                .get(0).aggregate().maximum()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- AWS/SNS

    @Test
    void aTopicReportsOnlyIntervalsWithActivity() {
        String arn = "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":alerts";
        List<DeliveryCounters.TopicStats> topics = new ArrayList<>();
        List<Map<String, Distribution.Summary>> sizes = new ArrayList<>(List.of(Map.of()));
        topics.add(new DeliveryCounters.TopicStats(arn, 0, Map.of(), Map.of(), 0, 0));
        AwsMetricsPublisher publisher = publisher(new SnsMetrics(() -> List.copyOf(topics), () -> sizes.get(0), 10));
        publisher.publishOnce();
        assertThat(names("AWS/SNS")).isEmpty();

        topics.set(0, new DeliveryCounters.TopicStats(arn, 3, Map.of("sqs", 2L, "email", 3L), Map.of("http", 1L), 4,
                0));
        sizes.set(0, Map.of(arn, summary(10, 20, 30)));
        millis.addAndGet(1000);
        publisher.publishOnce();
        sizes.set(0, Map.of());
        millis.addAndGet(1000);
        publisher.publishOnce(); // nothing new: no datapoints

        Dimension topic = new Dimension("TopicName", "alerts");
        Datapoint published = stats("AWS/SNS", "NumberOfMessagesPublished", topic).get(0);
        assertThat(published.aggregate().sum()).isEqualTo(3);
        assertThat(published.aggregate().sampleCount()).isEqualTo(1);
        assertThat(stats("AWS/SNS", "NumberOfNotificationsDelivered", topic).get(0).aggregate().sum()).isEqualTo(5);
        assertThat(stats("AWS/SNS", "NumberOfNotificationsFailed", topic).get(0).aggregate().sum()).isEqualTo(1);
        Datapoint size = stats("AWS/SNS", "PublishSize", topic).get(0);
        assertThat(size.unit()).isEqualTo("Bytes");
        assertThat(size.aggregate().average()).isEqualTo(20);
    }

    // ---------------------------------------------------------------- AWS/Kinesis

    @Test
    void aStreamReportsPerCallMetricsAndOnlyTheEnhancedShardMetricsTurnedOn() {
        StreamRef ref = new StreamRef(ACCOUNT, REGION, "clicks");
        List<StreamCounters> streams = new ArrayList<>();
        streams.add(new StreamCounters(ref, Map.of(), 0, 0, List.of(
                shard("shardId-000000000000", 0, 0, null), shard("shardId-000000000001", 0, 0, null)),
                Set.of("IncomingRecords", "IteratorAgeMilliseconds")));
        AwsMetricsPublisher publisher = publisher(new KinesisMetrics(() -> List.copyOf(streams), 10));
        publisher.publishOnce();
        assertThat(names("AWS/Kinesis")).as("no calls, no datapoints").isEmpty();

        streams.set(0, new StreamCounters(ref, Map.of(
                "PutRecord.Bytes", summary(100), "PutRecord.Success", summary(1),
                "PutRecord.Latency", summary(2.5),
                "PutRecords.Bytes", summary(300, 500), "PutRecords.SuccessfulRecords", summary(3, 4),
                "PutRecords.TotalRecords", summary(3, 5), "PutRecords.Success", summary(1, 1),
                "GetRecords.Records", summary(8, 0), "GetRecords.Success", summary(1, 1, 0),
                "GetRecords.IteratorAgeMilliseconds", summary(0, 1500)), 8, 900, List.of(
                shard("shardId-000000000000", 5, 1, summary(1500)), shard("shardId-000000000001", 3, 0, null)),
                Set.of("IncomingRecords", "IteratorAgeMilliseconds")));
        millis.addAndGet(1000);
        publisher.publishOnce();

        Dimension stream = new Dimension("StreamName", "clicks");
        Datapoint incoming = stats("AWS/Kinesis", "IncomingRecords", stream).get(0);
        assertThat(incoming.aggregate().sum()).as("1 by PutRecord, 3 + 4 by PutRecords").isEqualTo(8);
        assertThat(incoming.aggregate().sampleCount()).as("one per put call").isEqualTo(3);
        Datapoint bytes = stats("AWS/Kinesis", "IncomingBytes", stream).get(0);
        assertThat(bytes.aggregate().sum()).isEqualTo(900);
        assertThat(bytes.aggregate().maximum()).as("the largest single call").isEqualTo(500);
        assertThat(stats("AWS/Kinesis", "PutRecords.Records", stream).get(0).aggregate().sum()).isEqualTo(7);
        assertThat(stats("AWS/Kinesis", "GetRecords.Success", stream).get(0).aggregate().average())
                .isEqualTo(2.0 / 3);
        assertThat(stats("AWS/Kinesis", "PutRecord.Latency", stream).get(0).unit()).isEqualTo("Milliseconds");
        assertThat(stats("AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", stream).get(0).aggregate().maximum())
                .isEqualTo(1500);
        assertThat(stats("AWS/Kinesis", "WriteProvisionedThroughputExceeded", stream).get(0).aggregate().sum())
                .isZero();

        Dimension shard0 = new Dimension("ShardId", "shardId-000000000000");
        Dimension shard1 = new Dimension("ShardId", "shardId-000000000001");
        assertThat(stats("AWS/Kinesis", "IncomingRecords", stream, shard0).get(0).aggregate().sum()).isEqualTo(5);
        assertThat(stats("AWS/Kinesis", "IncomingRecords", stream, shard1).get(0).aggregate().sum()).isEqualTo(3);
        assertThat(stats("AWS/Kinesis", "IteratorAgeMilliseconds", stream, shard0).get(0).aggregate().maximum())
                .isEqualTo(1500);
        assertThat(stats("AWS/Kinesis", "IteratorAgeMilliseconds", stream, shard1)).as("not read").isEmpty();
        assertThat(stats("AWS/Kinesis", "OutgoingRecords", stream, shard0)).as("not turned on").isEmpty();
    }

    private static StreamCounters.ShardTotals shard(String id, long incomingRecords, long outgoingRecords,
                                                    Distribution.Summary iteratorAge) {
        return new StreamCounters.ShardTotals(id, true, incomingRecords, incomingRecords * 10, outgoingRecords,
                outgoingRecords * 10, 0, 0, iteratorAge, iteratorAge == null ? 0 : (long) iteratorAge.maximum());
    }

    // ---------------------------------------------------------------- AWS/Firehose

    @Test
    void aDeliveryStreamReportsIntakeDeliveryAndFreshness() {
        List<io.wharf.firehose.engine.StreamCounters.Totals> streams = new ArrayList<>();
        streams.add(new io.wharf.firehose.engine.StreamCounters.Totals("logs", ACCOUNT, REGION,
                "ExtendedS3DestinationConfiguration", 4, 400, 1, 3, 300, 1, NOW - 30_000));
        publisher(new FirehoseMetrics(() -> List.copyOf(streams), 10)).publishOnce();

        Dimension stream = new Dimension("DeliveryStreamName", "logs");
        assertThat(stats("AWS/Firehose", "IncomingRecords", stream).get(0).aggregate().sum()).isEqualTo(4);
        assertThat(stats("AWS/Firehose", "IncomingBytes", stream).get(0).aggregate().sum()).isEqualTo(400);
        assertThat(stats("AWS/Firehose", "DeliveryToS3.Records", stream).get(0).aggregate().sum()).isEqualTo(3);
        assertThat(stats("AWS/Firehose", "DeliveryToS3.Bytes", stream).get(0).aggregate().sum()).isEqualTo(300);
        Datapoint success = stats("AWS/Firehose", "DeliveryToS3.Success", stream).get(0);
        assertThat(success.aggregate().average()).as("one object written, one attempt failed").isEqualTo(0.5);
        Datapoint freshness = stats("AWS/Firehose", "DeliveryToS3.DataFreshness", stream).get(0);
        assertThat(freshness.unit()).isEqualTo("Seconds");
        assertThat(freshness.aggregate().maximum()).isEqualTo(30);
    }

    // ---------------------------------------------------------------- bookkeeping

    @Test
    void deltasCountNewTotalsWholeRestartAfterAResetAndForgetWhatIsNoLongerRead() {
        Deltas deltas = new Deltas();
        assertThat(deltas.delta("a", 5)).isEqualTo(5);
        assertThat(deltas.delta("b", 1)).isEqualTo(1);
        deltas.endInterval();
        assertThat(deltas.delta("a", 8)).isEqualTo(3);
        deltas.endInterval();
        assertThat(deltas.size()).as("b was not read in the last interval").isEqualTo(1);
        assertThat(deltas.delta("a", 2)).as("made again: counts from zero").isEqualTo(2);
    }

    @Test
    void theIntervalIsOneToSixtySeconds() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AwsMetricsPublisher(cloudWatch, clock,
                Duration.ofMillis(500), List.of())).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AwsMetricsPublisher(cloudWatch, clock,
                Duration.ofMinutes(2), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
