package io.wharf.it.sse;

import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * THE test of issue 12 item 5: a marker written through each service — an SQS body and message attribute (SSE-KMS
 * and SSE-SQS), an SNS publish to an encrypted topic fanned out to a queue, a Kinesis record on an encrypted
 * stream — is in no byte of any file under the data directory (RocksDB's WAL and, after the restart's recovery,
 * its SST files), while every read returns it, also after a restart. The same writes with encryption off leave
 * each marker in the files: the scan can fail.
 */
class EncryptionAtRestIT {
    @TempDir
    Path encryptedDir;
    @TempDir
    Path plainDir;

    // Random CJK text, a different one per marker: RocksDB compresses SST blocks, and a marker sharing a prefix with
    // another would be stored as a back-reference rather than verbatim (an ASCII marker's 4-byte pieces also turn
    // up by chance in 16 KiB blocks); these are stored verbatim once per block when they are stored in plain.
    private final String sqsKmsMarker = marker();
    private final String sqsKmsAttributeMarker = marker();
    private final String sqsManagedMarker = marker();
    private final String snsMarker = marker();
    private final String kinesisMarker = marker();
    private final String kinesisKeyMarker = marker();

    private static String marker() {
        java.util.Random random = new java.security.SecureRandom();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            text.appendCodePoint(0x4E00 + random.nextInt(0x9FFF - 0x4E00));
        }
        return text.toString();
    }

    private static Wharf start(Path dataDir) {
        return Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).kinesisTransitionMillis(0).build());
    }

    /** The settings each resource is created with: encrypted, or explicitly plain. */
    private record Mode(Map<String, String> kmsQueue, Map<String, String> managedQueue, Map<String, String> topic,
                        boolean stream) {
    }

    private static final Mode ENCRYPTED = new Mode(Map.of("KmsMasterKeyId", "alias/aws/sqs",
            "KmsDataKeyReusePeriodSeconds", "60"), Map.of(), Map.of("KmsMasterKeyId", "alias/aws/sns"), true);
    private static final Mode PLAIN = new Mode(Map.of("SqsManagedSseEnabled", "false"),
            Map.of("SqsManagedSseEnabled", "false"), Map.of(), false);

    /** Writes every marker; returns the queue URLs (KMS queue, managed queue, SNS-fed queue). */
    private List<String> writeMarkers(Path dataDir, Mode mode) {
        try (Wharf wharf = start(dataDir); SqsClient sqs = Clients.sqs(URI.create(wharf.endpoint()));
             SnsClient sns = Clients.sns(URI.create(wharf.endpoint()));
             KinesisClient kinesis = Clients.kinesis(URI.create(wharf.endpoint()))) {
            String kmsQueue = sqs.createQueue(r -> r.queueName("kms").attributesWithStrings(mode.kmsQueue()))
                    .queueUrl();
            sqs.sendMessage(r -> r.queueUrl(kmsQueue).messageBody(sqsKmsMarker).messageAttributes(Map.of("a",
                    MessageAttributeValue.builder().dataType("String").stringValue(sqsKmsAttributeMarker).build())));
            String managedQueue = sqs.createQueue(r -> r.queueName("managed")
                    .attributesWithStrings(mode.managedQueue())).queueUrl();
            sqs.sendMessage(r -> r.queueUrl(managedQueue).messageBody(sqsManagedMarker));

            String fedQueue = sqs.createQueue(r -> r.queueName("fed").attributesWithStrings(mode.managedQueue()))
                    .queueUrl();
            String fedArn = sqs.getQueueAttributes(r -> r.queueUrl(fedQueue).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributesAsStrings().get("QueueArn");
            String topic = sns.createTopic(r -> r.name("encrypted").attributes(mode.topic())).topicArn();
            sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(fedArn)
                    .attributes(Map.of("RawMessageDelivery", "true")));
            sns.publish(r -> r.topicArn(topic).message(snsMarker));
            // delivered: received (and left visible) before the server closes
            List<Message> fed = sqs.receiveMessage(r -> r.queueUrl(fedQueue).waitTimeSeconds(20).visibilityTimeout(0))
                    .messages();
            assertThat(fed).extracting(Message::body).containsExactly(snsMarker);

            kinesis.createStream(r -> r.streamName("encrypted").shardCount(1));
            awaitActive(kinesis);
            if (mode.stream()) {
                kinesis.startStreamEncryption(r -> r.streamName("encrypted").encryptionType(EncryptionType.KMS)
                        .keyId("alias/aws/kinesis"));
                awaitActive(kinesis);
            }
            EncryptionType written = kinesis.putRecord(r -> r.streamName("encrypted").partitionKey(kinesisKeyMarker)
                    .data(SdkBytes.fromUtf8String(kinesisMarker))).encryptionType();
            if (mode.stream()) {
                assertThat(written).isEqualTo(EncryptionType.KMS);
            } else {
                assertThat(written).isNotEqualTo(EncryptionType.KMS);
            }
            return List.of(kmsQueue, managedQueue, fedQueue);
        }
    }

    private static void awaitActive(KinesisClient kinesis) {
        for (int i = 0; i < 200; i++) {
            if (kinesis.describeStreamSummary(r -> r.streamName("encrypted")).streamDescriptionSummary()
                    .streamStatusAsString().equals("ACTIVE")) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    /** After a restart (whose recovery writes the WAL's contents into SST files) every marker reads back. */
    private void readMarkersBack(Path dataDir, List<String> queues) {
        try (Wharf wharf = start(dataDir); SqsClient sqs = Clients.sqs(URI.create(wharf.endpoint()));
             KinesisClient kinesis = Clients.kinesis(URI.create(wharf.endpoint()))) {
            Message kms = receiveOne(sqs, queues.get(0));
            assertThat(kms.body()).isEqualTo(sqsKmsMarker);
            assertThat(kms.messageAttributes().get("a").stringValue()).isEqualTo(sqsKmsAttributeMarker);
            assertThat(receiveOne(sqs, queues.get(1)).body()).isEqualTo(sqsManagedMarker);
            assertThat(receiveOne(sqs, queues.get(2)).body()).isEqualTo(snsMarker);

            String iterator = kinesis.getShardIterator(r -> r.streamName("encrypted").shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            List<Record> records = kinesis.getRecords(r -> r.shardIterator(iterator)).records();
            assertThat(records).hasSize(1);
            assertThat(records.get(0).data().asUtf8String()).isEqualTo(kinesisMarker);
            assertThat(records.get(0).partitionKey()).isEqualTo(kinesisKeyMarker);
        }
    }

    private static Message receiveOne(SqsClient sqs, String url) {
        List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).messageAttributeNames("All").visibilityTimeout(0))
                .messages();
        assertThat(got).hasSize(1);
        return got.get(0);
    }

    private Map<String, List<String>> where(Path dataDir) {
        Map<String, List<String>> found = new HashMap<>();
        for (String marker : List.of(sqsKmsMarker, sqsKmsAttributeMarker, sqsManagedMarker, snsMarker, kinesisMarker,
                kinesisKeyMarker)) {
            found.put(marker, DataDirScan.filesContaining(dataDir, marker));
        }
        return found;
    }

    @Test
    void encryptedMarkersAreInNoFileUnderTheDataDirectoryWhileReadsReturnThem() {
        List<String> queues = writeMarkers(encryptedDir, ENCRYPTED);
        // closed: everything is in RocksDB's write-ahead log (not compressed)
        assertThat(where(encryptedDir)).allSatisfy((marker, files) -> assertThat(files).as(marker).isEmpty());
        readMarkersBack(encryptedDir, queues);
        // restarted and closed again: recovery wrote the log into SST files
        assertThat(DataDirScan.bytesUnder(encryptedDir)).isPositive();
        assertThat(where(encryptedDir)).allSatisfy((marker, files) -> assertThat(files).as(marker).isEmpty());
    }

    @Test
    void withEncryptionOffEachMarkerIsFoundSoTheScanCanFail() {
        List<String> queues = writeMarkers(plainDir, PLAIN);
        assertThat(where(plainDir)).allSatisfy((marker, files) -> assertThat(files).as(marker).isNotEmpty());
        readMarkersBack(plainDir, queues);
        assertThat(where(plainDir)).allSatisfy((marker, files) -> assertThat(files).as(marker)
                .anyMatch(file -> file.endsWith(".sst")));
    }
}
