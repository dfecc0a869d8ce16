package io.wharf.bench.floor;

import io.wharf.bench.kinesis.KinesisClients;
import io.wharf.bench.kinesis.KinesisSettings;
import io.wharf.bench.kinesis.KinesisWire;
import io.wharf.bench.measure.Result;
import io.wharf.bench.scenario.ScenarioSettings;
import io.wharf.bench.scenario.Scenarios;
import io.wharf.bench.sqs.SqsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The floor's answers are ones the SDK for Java v2 accepts: its MD5 checks of bodies and attributes pass (a wrong
 * digest fails the call), ids and receipt handles come back, messages and records sent are the ones received, and
 * the SQS and Kinesis scenarios run against it without an error.
 */
class FloorServerTest {
    private static FloorServer floor;
    private static SqsAsyncClient sqs;

    @BeforeAll
    static void start() throws InterruptedException {
        floor = FloorServer.start("127.0.0.1", 0, 2);
        sqs = SqsClients.create(floor.endpoint(), 4);
    }

    @AfterAll
    static void stop() {
        sqs.close();
        floor.close();
    }

    @Test
    void sendsReceivesAndDeletesWithDigestsTheSdkChecks() {
        String url = sqs.createQueue(b -> b.queueName("floor-test")).join().queueUrl();
        // JSON escapes and multi-byte characters: the digest is of the UTF-8 body the SDK sent
        String body = "line\n\"quoted\" \u00e9t\u00e9 \u2603 \ud83d\ude00 \\ end";
        Map<String, MessageAttributeValue> attributes = Map.of(
                "colour", MessageAttributeValue.builder().dataType("String").stringValue("blue \u00e9").build(),
                "count", MessageAttributeValue.builder().dataType("Number").stringValue("42").build(),
                "blob", MessageAttributeValue.builder().dataType("Binary.gz")
                        .binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xff})).build());
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(body + i)
                    .messageAttributes(attributes).build());
        }

        SendMessageBatchResponse sent = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries)).join();
        String single = sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageAttributes(attributes))
                .join().messageId();

        assertThat(sent.failed()).isEmpty();
        assertThat(sent.successful()).extracting(r -> r.id()).containsExactly("e0", "e1", "e2", "e3", "e4", "e5",
                "e6", "e7", "e8", "e9");
        assertThat(sent.successful().getFirst().md5OfMessageAttributes()).hasSize(32);
        List<Message> received = new ArrayList<>();
        while (received.size() < 11) {
            received.addAll(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .join().messages());
        }
        assertThat(received).extracting(Message::body).containsExactly(body + 0, body + 1, body + 2, body + 3,
                body + 4, body + 5, body + 6, body + 7, body + 8, body + 9, body);
        assertThat(received.getLast().messageId()).isEqualTo(single);
        assertThat(received).extracting(Message::receiptHandle).doesNotContainNull().doesNotHaveDuplicates();
        List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            deletes.add(DeleteMessageBatchRequestEntry.builder().id("d" + i)
                    .receiptHandle(received.get(i).receiptHandle()).build());
        }
        assertThat(sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(deletes)).join().successful()).hasSize(10);
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(received.getLast().receiptHandle())).join();
        sqs.deleteQueue(b -> b.queueUrl(url)).join();
        assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x")).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(QueueDoesNotExistException.class);
    }

    @Test
    void aWaitingReceiveGetsTheNextSend() {
        String url = sqs.createQueue(b -> b.queueName("floor-long-poll")).join().queueUrl();
        CompletableFuture<List<Message>> waiting = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20))
                .thenApply(r -> r.messages());

        sqs.sendMessage(b -> b.queueUrl(url).messageBody("woken")).join();

        assertThat(waiting.join()).extracting(Message::body).containsExactly("woken");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(0)).join().messages()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(KinesisWire.class)
    void putsAndGetsRecordsOverEachWire(KinesisWire wire) {
        try (KinesisAsyncClient kinesis = KinesisClients.create(floor.endpoint(), 2, wire)) {
            String name = "floor-" + wire.label();
            kinesis.createStream(b -> b.streamName(name).shardCount(3)).join();
            assertThat(kinesis.describeStreamSummary(b -> b.streamName(name)).join().streamDescriptionSummary()
                    .streamStatus()).isEqualTo(StreamStatus.ACTIVE);
            List<String> shards = kinesis.listShards(b -> b.streamName(name)).join().shards().stream()
                    .map(s -> s.shardId()).toList();
            assertThat(shards).hasSize(3);
            List<PutRecordsRequestEntry> records = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                records.add(PutRecordsRequestEntry.builder().partitionKey("key-" + i)
                        .data(SdkBytes.fromString("record " + i, StandardCharsets.UTF_8)).build());
            }

            PutRecordsResponse put = kinesis.putRecords(b -> b.streamName(name).records(records)).join();

            assertThat(put.failedRecordCount()).isZero();
            assertThat(put.records()).hasSize(30).allSatisfy(r -> {
                assertThat(r.sequenceNumber()).isNotBlank();
                assertThat(shards).contains(r.shardId());
            });
            List<String> read = new ArrayList<>();
            for (String shard : shards) {
                String iterator = kinesis.getShardIterator(b -> b.streamName(name).shardId(shard)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).join().shardIterator();
                GetRecordsResponse got = kinesis.getRecords(b -> b.shardIterator(iterator)).join();
                assertThat(got.nextShardIterator()).isNotNull();
                got.records().forEach(r -> {
                    assertThat(r.approximateArrivalTimestamp()).isNotNull();
                    read.add(r.data().asUtf8String());
                });
            }
            assertThat(read).containsExactlyInAnyOrderElementsOf(
                    records.stream().map(r -> r.data().asUtf8String()).toList());
            kinesis.deleteStream(b -> b.streamName(name)).join();
        }
    }

    @Test
    void theDurableFloorAnswersASendOrDeleteOnceItIsInItsJournal(@TempDir Path dir) throws Exception {
        Path journalDir = dir.resolve("journal");
        try (FloorServer durable = FloorServer.start("127.0.0.1", 0, 2, Journal.open(journalDir));
             SqsAsyncClient client = SqsClients.create(durable.endpoint(), 2);
             KinesisAsyncClient kinesis = KinesisClients.create(durable.endpoint(), 2, KinesisWire.JSON)) {
            String url = client.createQueue(b -> b.queueName("durable")).join().queueUrl();
            assertThat(journalBytes(journalDir)).isEmpty();

            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("durable body " + i).build());
            }
            SendMessageBatchResponse sent = client.sendMessageBatch(b -> b.queueUrl(url).entries(entries)).join();

            assertThat(sent.successful()).hasSize(10);
            String journal = new String(journalBytes(journalDir), StandardCharsets.UTF_8);
            for (int i = 0; i < 10; i++) {
                assertThat(journal).contains("durable body " + i, sent.successful().get(i).messageId());
            }
            List<Message> received = client.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).join().messages();
            assertThat(received).hasSize(10);
            client.deleteMessage(b -> b.queueUrl(url).receiptHandle(received.getFirst().receiptHandle())).join();
            assertThat(new String(journalBytes(journalDir), StandardCharsets.UTF_8))
                    .contains(received.getFirst().receiptHandle());

            kinesis.createStream(b -> b.streamName("durable").shardCount(1)).join();
            kinesis.putRecords(b -> b.streamName("durable").records(PutRecordsRequestEntry.builder()
                    .partitionKey("the-key").data(SdkBytes.fromUtf8String("durable record")).build())).join();
            assertThat(new String(journalBytes(journalDir), StandardCharsets.UTF_8)).contains("the-key", "durable record");
        }
    }

    private static byte[] journalBytes(Path journalDir) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(journalDir)) {
            List<Path> segments = files.toList();
            assertThat(segments).hasSize(1);
            return java.nio.file.Files.readAllBytes(segments.getFirst());
        }
    }

    @Test
    void theSqsAndKinesisScenariosRunWithoutAnError() throws InterruptedException {
        ScenarioSettings settings = new ScenarioSettings(floor.endpoint(), "floor", Duration.ofMillis(500),
                Duration.ofSeconds(1), 2, 2, 2, 200, 0, 1024, ProcessHandle.current().pid(),
                new KinesisSettings(2, 50, 500, 10, KinesisWire.CBOR));
        for (String scenario : List.of("sqs-roundtrip", "sqs-single", "kinesis-put", "kinesis-roundtrip")) {
            Result result = Scenarios.named(scenario).run(settings);

            assertThat(result.errors()).as(scenario + ": " + result.firstError()).isZero();
            assertThat(result.messages()).as(scenario).isPositive();
        }
    }
}
