package io.wharf.it.firehose;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.ConcurrentModificationException;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamEncryptionStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.DestinationDescription;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.KeyType;
import software.amazon.awssdk.services.firehose.model.LimitExceededException;
import software.amazon.awssdk.services.firehose.model.ListDeliveryStreamsResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceInUseException;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.firehose.model.Tag;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every Firehose operation through the SDK v2 client (JSON 1.1), its successes and AWS's errors; delivery into a
 * {@link RecordingSink} standing in for S3.
 */
class FirehoseIT {
    static final RecordingSink SINK = new RecordingSink();
    static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    static final String BUCKET = "arn:aws:s3:::bucket";

    @RegisterExtension
    static final WharfServerExtension wharf = WharfServerExtension.builder()
            .configure(c -> c.firehoseSink(SINK).firehoseTransitionMillis(0)).build();

    FirehoseClient firehose;

    @BeforeEach
    void client() {
        firehose = FirehoseClient.builder().endpointOverride(wharf.endpoint()).region(Clients.REGION)
                .credentialsProvider(Clients.CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())).build();
    }

    @AfterEach
    void close() {
        firehose.close();
    }

    private String createS3(String name, int intervalSeconds, CompressionFormat compression) {
        return firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN(BUCKET).prefix("p/" + name + "/")
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(intervalSeconds))
                        .compressionFormat(compression))).deliveryStreamARN();
    }

    private DeliveryStreamDescription describe(String name) {
        return firehose.describeDeliveryStream(r -> r.deliveryStreamName(name)).deliveryStreamDescription();
    }

    @Test
    void createDescribesWithAwsDefaults() {
        String arn = firehose.createDeliveryStream(r -> r.deliveryStreamName("described")
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN(BUCKET))
                .tags(Tag.builder().key("team").value("wharf").build())).deliveryStreamARN();
        assertThat(arn).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/described");
        DeliveryStreamDescription d = describe("described");
        assertThat(d.deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.ACTIVE);
        assertThat(d.deliveryStreamType()).isEqualTo(DeliveryStreamType.DIRECT_PUT);
        assertThat(d.versionId()).isEqualTo("1");
        assertThat(d.createTimestamp()).isNotNull();
        assertThat(d.hasMoreDestinations()).isFalse();
        assertThat(d.deliveryStreamEncryptionConfiguration().status()).isEqualTo(DeliveryStreamEncryptionStatus.DISABLED);
        DestinationDescription dest = d.destinations().get(0);
        assertThat(dest.destinationId()).isEqualTo("destinationId-000000000001");
        var s3 = dest.extendedS3DestinationDescription();
        assertThat(s3.bucketARN()).isEqualTo(BUCKET);
        assertThat(s3.roleARN()).isEqualTo(ROLE);
        assertThat(s3.bufferingHints().sizeInMBs()).isEqualTo(5);
        assertThat(s3.bufferingHints().intervalInSeconds()).isEqualTo(300);
        assertThat(s3.compressionFormat()).isEqualTo(CompressionFormat.UNCOMPRESSED);
        assertThat(s3.encryptionConfiguration().noEncryptionConfigAsString()).isEqualTo("NoEncryption");
        assertThat(s3.cloudWatchLoggingOptions().enabled()).isFalse();
        assertThat(s3.s3BackupModeAsString()).isEqualTo("Disabled");
        // AWS mirrors an ExtendedS3 destination as an S3 one too
        assertThat(dest.s3DestinationDescription().bucketARN()).isEqualTo(BUCKET);
        assertThat(dest.s3DestinationDescription().bufferingHints().sizeInMBs()).isEqualTo(5);
    }

    @Test
    void secretsAreNotDescribedAndOtherDestinationsAreStored() {
        firehose.createDeliveryStream(r -> r.deliveryStreamName("http")
                .httpEndpointDestinationConfiguration(d -> d.endpointConfiguration(e -> e.url("https://example.com/in")
                                .name("hook").accessKey("s3cr3t"))
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN(BUCKET))));
        var http = describe("http").destinations().get(0).httpEndpointDestinationDescription();
        assertThat(http.endpointConfiguration().url()).isEqualTo("https://example.com/in");
        assertThat(http.endpointConfiguration().name()).isEqualTo("hook");
        assertThat(http.s3DestinationDescription().bucketARN()).isEqualTo(BUCKET);
        assertThat(http.s3BackupModeAsString()).isEqualTo("FailedDataOnly");
        assertThat(http.retryOptions().durationInSeconds()).isEqualTo(300);

        firehose.createDeliveryStream(r -> r.deliveryStreamName("redshift")
                .redshiftDestinationConfiguration(d -> d.roleARN(ROLE)
                        .clusterJDBCURL("jdbc:redshift://c.abc.us-east-1.redshift.amazonaws.com:5439/db").username("u").password("password1")
                        .copyCommand(c -> c.dataTableName("t")).s3Configuration(s -> s.roleARN(ROLE).bucketARN(BUCKET))));
        var redshift = describe("redshift").destinations().get(0).redshiftDestinationDescription();
        assertThat(redshift.username()).isEqualTo("u");
        assertThat(redshift.copyCommand().dataTableName()).isEqualTo("t");
        assertThat(redshift.s3DestinationDescription().bucketARN()).isEqualTo(BUCKET);
    }

    @Test
    void createErrors() {
        createS3("twice", 300, CompressionFormat.UNCOMPRESSED);
        assertThatThrownBy(() -> createS3("twice", 300, CompressionFormat.UNCOMPRESSED))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Firehose twice under accountId 000000000000 already exists");
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName("nodest")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Exactly one destination configuration is supported for a Firehose");
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName("expr")
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN(BUCKET)
                        .prefix("x/!{timestamp:yyyy}/"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("ErrorOutputPrefix cannot be null or empty when Prefix contains expressions");
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName("kinesis-no-source")
                .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN(BUCKET))))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName("bad name!")
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN(BUCKET))))
                .isInstanceOfSatisfying(FirehoseException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
    }

    @Test
    void listPagesInNameOrder() {
        for (String name : List.of("list-c", "list-a", "list-b")) {
            createS3(name, 300, CompressionFormat.UNCOMPRESSED);
        }
        firehose.createDeliveryStream(r -> r.deliveryStreamName("list-k")
                .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                .kinesisStreamSourceConfiguration(k -> k.kinesisStreamARN(
                        "arn:aws:kinesis:us-east-1:000000000000:stream/src").roleARN(ROLE))
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN(BUCKET)));
        ListDeliveryStreamsResponse first = firehose.listDeliveryStreams(r -> r.limit(2)
                .exclusiveStartDeliveryStreamName("list"));
        assertThat(first.deliveryStreamNames()).containsExactly("list-a", "list-b");
        assertThat(first.hasMoreDeliveryStreams()).isTrue();
        ListDeliveryStreamsResponse rest = firehose.listDeliveryStreams(r -> r.limit(10)
                .exclusiveStartDeliveryStreamName("list-b"));
        assertThat(rest.deliveryStreamNames()).startsWith("list-c", "list-k");
        ListDeliveryStreamsResponse kinesisOnly = firehose.listDeliveryStreams(r -> r
                .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE));
        assertThat(kinesisOnly.deliveryStreamNames()).contains("list-k").doesNotContain("list-a", "list-b", "list-c");
        var source = describe("list-k").source().kinesisStreamSourceDescription();
        assertThat(source.kinesisStreamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/src");
        assertThat(source.deliveryStartTimestamp()).isNotNull();
        assertThatThrownBy(() -> firehose.putRecord(r -> r.deliveryStreamName("list-k")
                .record(Record.builder().data(SdkBytes.fromUtf8String("x")).build())))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("This operation is not permitted on KinesisStreamAsSource delivery stream type.");
    }

    @Test
    void deleteThenNotFound() {
        createS3("doomed", 300, CompressionFormat.UNCOMPRESSED);
        firehose.deleteDeliveryStream(r -> r.deliveryStreamName("doomed"));
        assertThatThrownBy(() -> firehose.deleteDeliveryStream(r -> r.deliveryStreamName("never")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Firehose never under account 000000000000 not found.");
        assertThatThrownBy(() -> describe("never")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void putRecordsAreDeliveredAsOneObjectPerBuffer() throws Exception {
        createS3("zero", 0, CompressionFormat.UNCOMPRESSED);
        String id = firehose.putRecord(r -> r.deliveryStreamName("zero")
                .record(Record.builder().data(SdkBytes.fromUtf8String("one\n")).build())).recordId();
        assertThat(id).isNotBlank();
        Map<String, byte[]> objects = SINK.awaitObjects(1);
        String key = objects.keySet().stream().filter(k -> k.startsWith("bucket/p/zero/")).findFirst().orElseThrow();
        // AWS's default key: <prefix>YYYY/MM/dd/HH/<stream>-<version>-YYYY-MM-dd-HH-mm-ss-<uuid>
        assertThat(key).matches("bucket/p/zero/\\d{4}/\\d{2}/\\d{2}/\\d{2}/zero-1-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-"
                + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(new String(objects.get(key), StandardCharsets.UTF_8)).isEqualTo("one\n");
    }

    @Test
    void putRecordBatchAnswersEveryRecordAndGzipsTheObject() throws Exception {
        createS3("gz", 0, CompressionFormat.GZIP);
        List<Record> records = new ArrayList<>();
        IntStream.range(0, 500).forEach(i -> records.add(Record.builder().data(SdkBytes.fromUtf8String(i + ",")).build()));
        PutRecordBatchResponse answer = firehose.putRecordBatch(r -> r.deliveryStreamName("gz").records(records));
        assertThat(answer.failedPutCount()).isZero();
        assertThat(answer.encrypted()).isFalse();
        assertThat(answer.requestResponses()).hasSize(500).allSatisfy(e -> assertThat(e.recordId()).isNotBlank());
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 200 && all.length() < expected(500).length(); i++) {
            all.setLength(0);
            for (var e : SINK.objects.entrySet()) {
                if (e.getKey().startsWith("bucket/p/gz/")) {
                    assertThat(e.getKey()).endsWith(".gz");
                    all.append(gunzip(e.getValue()));
                }
            }
            Thread.sleep(50);
        }
        assertThat(all.toString()).isEqualTo(expected(500));
        assertThatThrownBy(() -> firehose.putRecordBatch(r -> r.deliveryStreamName("gz")
                .records(IntStream.range(0, 501).mapToObj(i -> Record.builder().data(SdkBytes.fromUtf8String("x"))
                        .build()).toList())))
                .isInstanceOfSatisfying(FirehoseException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        byte[] big = new byte[1_024_001];
        assertThatThrownBy(() -> firehose.putRecord(r -> r.deliveryStreamName("gz")
                .record(Record.builder().data(SdkBytes.fromByteArray(big)).build())))
                .isInstanceOfSatisfying(FirehoseException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).contains("'record.data'"));
        assertThatThrownBy(() -> firehose.putRecord(r -> r.deliveryStreamName("nope")
                .record(Record.builder().data(SdkBytes.fromUtf8String("x")).build())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    private static String expected(int count) {
        StringBuilder s = new StringBuilder();
        IntStream.range(0, count).forEach(i -> s.append(i).append(','));
        return s.toString();
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void updateDestinationChecksTheVersionAndMerges() {
        createS3("upd", 300, CompressionFormat.UNCOMPRESSED);
        firehose.updateDestination(r -> r.deliveryStreamName("upd").currentDeliveryStreamVersionId("1")
                .destinationId("destinationId-000000000001")
                .extendedS3DestinationUpdate(u -> u.compressionFormat(CompressionFormat.GZIP)));
        DeliveryStreamDescription d = describe("upd");
        assertThat(d.versionId()).isEqualTo("2");
        assertThat(d.lastUpdateTimestamp()).isNotNull();
        var s3 = d.destinations().get(0).extendedS3DestinationDescription();
        assertThat(s3.compressionFormat()).isEqualTo(CompressionFormat.GZIP);
        assertThat(s3.prefix()).isEqualTo("p/upd/"); // kept
        assertThatThrownBy(() -> firehose.updateDestination(r -> r.deliveryStreamName("upd")
                .currentDeliveryStreamVersionId("1").destinationId("destinationId-000000000001")
                .extendedS3DestinationUpdate(u -> u.prefix("q/"))))
                .isInstanceOf(ConcurrentModificationException.class)
                .hasMessageStartingWith("Cannot update firehose: upd since the current version id: 2 and specified "
                        + "version id: 1 do not match");
        assertThatThrownBy(() -> firehose.updateDestination(r -> r.deliveryStreamName("upd")
                .currentDeliveryStreamVersionId("2").destinationId("destinationId-000000000001")
                .amazonopensearchserviceDestinationUpdate(u -> u.indexName("i"))))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void tagsAddListRemove() {
        createS3("tagged", 300, CompressionFormat.UNCOMPRESSED);
        firehose.tagDeliveryStream(r -> r.deliveryStreamName("tagged").tags(
                Tag.builder().key("b").value("2").build(), Tag.builder().key("a").value("1").build(),
                Tag.builder().key("c").build()));
        var page = firehose.listTagsForDeliveryStream(r -> r.deliveryStreamName("tagged").limit(2));
        assertThat(page.tags()).extracting(Tag::key).containsExactly("a", "b");
        assertThat(page.hasMoreTags()).isTrue();
        var rest = firehose.listTagsForDeliveryStream(r -> r.deliveryStreamName("tagged").exclusiveStartTagKey("b"));
        assertThat(rest.tags()).extracting(Tag::key).containsExactly("c");
        assertThat(rest.hasMoreTags()).isFalse();
        firehose.untagDeliveryStream(r -> r.deliveryStreamName("tagged").tagKeys("a", "zzz"));
        assertThat(firehose.listTagsForDeliveryStream(r -> r.deliveryStreamName("tagged")).tags())
                .extracting(Tag::key).containsExactly("b", "c");
        List<Tag> many = IntStream.range(0, 49).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
        assertThatThrownBy(() -> firehose.tagDeliveryStream(r -> r.deliveryStreamName("tagged").tags(many)))
                .isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> firehose.tagDeliveryStream(r -> r.deliveryStreamName("tagged")
                .tags(Tag.builder().key("aws:x").value("v").build())))
                .isInstanceOfSatisfying(FirehoseException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> firehose.listTagsForDeliveryStream(r -> r.deliveryStreamName("untagged-none")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void encryptionStartsAndStops() {
        createS3("sse", 300, CompressionFormat.UNCOMPRESSED);
        firehose.startDeliveryStreamEncryption(r -> r.deliveryStreamName("sse")
                .deliveryStreamEncryptionConfigurationInput(c -> c.keyType(KeyType.AWS_OWNED_CMK)));
        var enc = describe("sse").deliveryStreamEncryptionConfiguration();
        assertThat(enc.status()).isEqualTo(DeliveryStreamEncryptionStatus.ENABLED);
        assertThat(enc.keyType()).isEqualTo(KeyType.AWS_OWNED_CMK);
        assertThat(firehose.putRecord(r -> r.deliveryStreamName("sse")
                .record(Record.builder().data(SdkBytes.fromUtf8String("x")).build())).encrypted()).isTrue();
        firehose.stopDeliveryStreamEncryption(r -> r.deliveryStreamName("sse"));
        assertThat(describe("sse").deliveryStreamEncryptionConfiguration().status())
                .isEqualTo(DeliveryStreamEncryptionStatus.DISABLED);
        assertThatThrownBy(() -> firehose.startDeliveryStreamEncryption(r -> r.deliveryStreamName("sse")
                .deliveryStreamEncryptionConfigurationInput(c -> c.keyType(KeyType.CUSTOMER_MANAGED_CMK)
                        .keyARN("arn:aws:kms:us-east-1:000000000000:key/00000000-0000-0000-0000-000000000000"))))
                .isInstanceOfSatisfying(FirehoseException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidKMSResourceException"));
        assertThatThrownBy(() -> firehose.stopDeliveryStreamEncryption(r -> r.deliveryStreamName("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
        try (var kms = Clients.kms(wharf.endpoint())) {
            String keyArn = kms.createKey(r -> r.description("firehose")).keyMetadata().arn();
            firehose.startDeliveryStreamEncryption(r -> r.deliveryStreamName("sse")
                    .deliveryStreamEncryptionConfigurationInput(c -> c.keyType(KeyType.CUSTOMER_MANAGED_CMK)
                            .keyARN(keyArn)));
            var customer = describe("sse").deliveryStreamEncryptionConfiguration();
            assertThat(customer.keyType()).isEqualTo(KeyType.CUSTOMER_MANAGED_CMK);
            assertThat(customer.keyARN()).isEqualTo(keyArn);
            assertThat(customer.status()).isEqualTo(DeliveryStreamEncryptionStatus.ENABLED);
        }
        firehose.createDeliveryStream(r -> r.deliveryStreamName("sse-k")
                .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                .kinesisStreamSourceConfiguration(k -> k.kinesisStreamARN(
                        "arn:aws:kinesis:us-east-1:000000000000:stream/src").roleARN(ROLE))
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN(BUCKET)));
        assertThatThrownBy(() -> firehose.startDeliveryStreamEncryption(r -> r.deliveryStreamName("sse-k")))
                .isInstanceOf(InvalidArgumentException.class);
    }
}
