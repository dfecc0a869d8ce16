package io.wharf.it.firehose;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.ProcessorParameterName;
import software.amazon.awssdk.services.firehose.model.ProcessorType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline on one Wharf, configured as AWS documents it: producer → Kinesis stream → Firehose
 * (KinesisStreamAsSource; dynamic partitioning with a JQ MetadataExtraction query, the S3 prefix
 * {@code customers/customer=!{partitionKeyFromQuery:customer}/}, AppendDelimiterToRecord, buffering at its minimum
 * for dynamic partitioning: 60 s, 64 MiB — zero buffering is not available with it) → S3 bucket with an event
 * notification to an SNS topic → two SQS queues subscribed with raw delivery. Every record must arrive in an object
 * under its customer's partition, and each queue must get an {@code ObjectCreated} event (version 2.1) for each object.
 * This takes a little over the 60 s buffering interval.
 */
@Execution(ExecutionMode.CONCURRENT)
class PipelineIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder()
            .configure(c -> c.kinesisTransitionMillis(0)).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "000000000000";
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/firehose-delivery";
    private static final Duration DEADLINE = Duration.ofSeconds(150);

    @Test
    void kinesisToFirehoseToS3ToSnsToTwoQueues() throws Exception {
        URI endpoint = WHARF.endpoint();
        try (KinesisClient kinesis = Clients.kinesis(endpoint); FirehoseClient firehose = Clients.firehose(endpoint);
             S3Client s3 = Clients.s3(endpoint); SnsClient sns = Clients.sns(endpoint);
             SqsClient sqs = Clients.sqs(endpoint)) {
            String suffix = Long.toString(System.nanoTime(), 36);
            String streamName = "pipeline-source-" + suffix;
            String bucket = "pipeline-" + suffix;
            String bucketArn = "arn:aws:s3:::" + bucket;

            kinesis.createStream(r -> r.streamName(streamName).shardCount(1));
            waitUntil("the stream is ACTIVE", () -> kinesis.describeStreamSummary(r -> r.streamName(streamName))
                    .streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
            String streamArn = kinesis.describeStreamSummary(r -> r.streamName(streamName))
                    .streamDescriptionSummary().streamARN();

            s3.createBucket(r -> r.bucket(bucket));
            String topicArn = sns.createTopic(r -> r.name("pipeline-events-" + suffix)).topicArn();
            // S3 may publish to the topic only if the topic's policy lets it, for this bucket
            sns.setTopicAttributes(r -> r.topicArn(topicArn).attributeName("Policy").attributeValue(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                            + "\"s3.amazonaws.com\"},\"Action\":\"SNS:Publish\",\"Resource\":\"" + topicArn + "\","
                            + "\"Condition\":{\"ArnLike\":{\"aws:SourceArn\":\"" + bucketArn + "\"}}}]}"));
            List<String> queues = new ArrayList<>();
            for (String name : List.of("pipeline-a-" + suffix, "pipeline-b-" + suffix)) {
                String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
                String queueArn = "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + name;
                sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY,
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                                + "\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queueArn
                                + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"" + topicArn + "\"}}}]}")));
                sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                        .attributes(Map.of("RawMessageDelivery", "true")));
                queues.add(url);
            }
            s3.putBucketNotificationConfiguration(r -> r.bucket(bucket).notificationConfiguration(n -> n
                    .topicConfigurations(t -> t.id("to-sns").topicArn(topicArn).events(Event.S3_OBJECT_CREATED))));

            firehose.createDeliveryStream(r -> r.deliveryStreamName("pipeline-" + suffix)
                    .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                    .kinesisStreamSourceConfiguration(k -> k.kinesisStreamARN(streamArn).roleARN(ROLE))
                    .extendedS3DestinationConfiguration(d -> d.bucketARN(bucketArn).roleARN(ROLE)
                            .prefix("customers/customer=!{partitionKeyFromQuery:customer}/")
                            .errorOutputPrefix("errors/!{firehose:error-output-type}/")
                            .bufferingHints(b -> b.intervalInSeconds(60).sizeInMBs(64))
                            .dynamicPartitioningConfiguration(p -> p.enabled(true))
                            .processingConfiguration(p -> p.enabled(true).processors(
                                    processor -> processor.type(ProcessorType.METADATA_EXTRACTION).parameters(
                                            q -> q.parameterName(ProcessorParameterName.METADATA_EXTRACTION_QUERY)
                                                    .parameterValue("{customer:.customer}"),
                                            q -> q.parameterName(ProcessorParameterName.JSON_PARSING_ENGINE)
                                                    .parameterValue("JQ-1.6")),
                                    processor -> processor.type(ProcessorType.APPEND_DELIMITER_TO_RECORD).parameters(
                                            q -> q.parameterName(ProcessorParameterName.DELIMITER)
                                                    .parameterValue("Cg==")))))); // base64 of "\n"
            waitUntil("the delivery stream is ACTIVE", () -> firehose.describeDeliveryStream(r -> r
                    .deliveryStreamName("pipeline-" + suffix)).deliveryStreamDescription().deliveryStreamStatus()
                    == DeliveryStreamStatus.ACTIVE);

            // Firehose reads a Kinesis source from the time it was created: produce after it is ACTIVE
            Map<String, String> customerOf = new HashMap<>();
            for (int i = 0; i < 30; i++) {
                String customer = "c" + (i % 3);
                String record = "{\"customer\":\"" + customer + "\",\"n\":" + i + "}";
                customerOf.put(record, customer);
                kinesis.putRecord(r -> r.streamName(streamName).partitionKey("p" + record.hashCode())
                        .data(SdkBytes.fromUtf8String(record)));
            }

            Map<String, String> objectOfRecord = new HashMap<>();
            waitUntil("every record is in an object", () -> {
                objectOfRecord.clear();
                for (S3Object object : s3.listObjectsV2(r -> r.bucket(bucket).prefix("customers/")).contents()) {
                    String body = s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asUtf8String();
                    for (String line : body.split("\n")) {
                        if (!line.isEmpty()) {
                            objectOfRecord.put(line, object.key());
                        }
                    }
                }
                return objectOfRecord.keySet().containsAll(customerOf.keySet());
            });
            assertThat(objectOfRecord.keySet()).as("nothing but what was produced").isEqualTo(customerOf.keySet());
            customerOf.forEach((record, customer) -> assertThat(objectOfRecord.get(record))
                    .as("the object of %s", record).startsWith("customers/customer=" + customer + "/"));
            assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix("errors/")).contents())
                    .as("no record failed").isEmpty();
            Set<String> objects = new HashSet<>(objectOfRecord.values());

            for (String queue : queues) {
                Set<String> announced = new HashSet<>();
                waitUntil("an ObjectCreated event per object in " + queue, () -> {
                    for (Message message : sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)
                            .waitTimeSeconds(1)).messages()) {
                        announced.addAll(createdKeys(message.body(), bucket));
                        sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(message.receiptHandle()));
                    }
                    return announced.containsAll(objects);
                });
                assertThat(announced).as("events in %s", queue).isEqualTo(objects);
            }
        }
    }

    /** The object keys of the ObjectCreated records of one S3 event message (the s3:TestEvent has none). */
    private static List<String> createdKeys(String body, String bucket) {
        try {
            JsonNode event = JSON.readTree(body);
            List<String> keys = new ArrayList<>();
            if ("s3:TestEvent".equals(event.path("Event").asText())) {
                assertThat(event.path("Bucket").asText()).isEqualTo(bucket);
                return keys;
            }
            for (JsonNode record : event.path("Records")) {
                assertThat(record.path("eventVersion").asText()).isEqualTo("2.1");
                assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
                assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
                assertThat(record.path("eventName").asText()).startsWith("ObjectCreated:");
                assertThat(record.path("s3").path("s3SchemaVersion").asText()).isEqualTo("1.0");
                assertThat(record.path("s3").path("configurationId").asText()).isEqualTo("to-sns");
                assertThat(record.path("s3").path("bucket").path("name").asText()).isEqualTo(bucket);
                assertThat(record.path("s3").path("bucket").path("arn").asText()).isEqualTo("arn:aws:s3:::" + bucket);
                JsonNode object = record.path("s3").path("object");
                assertThat(object.path("size").asLong()).isPositive();
                assertThat(object.path("eTag").asText()).isNotBlank();
                assertThat(object.path("sequencer").asText()).isNotBlank();
                // keys in S3 events are URL-encoded (form encoding: a space is '+')
                keys.add(URLDecoder.decode(object.path("key").asText(), StandardCharsets.UTF_8));
            }
            return keys;
        } catch (java.io.IOException e) {
            throw new AssertionError("not an S3 event: " + body, e);
        }
    }

    private static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + DEADLINE.toSeconds() + " s");
            }
            Thread.sleep(500);
        }
    }
}
