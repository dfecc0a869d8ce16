package io.wharf.it.firehose;

import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.Tag;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledged records survive a restart on the same data directory while their destination is down, and are
 * delivered once it is back; the stream, its version, destination, tags and encryption survive too.
 */
class FirehoseRestartIT {
    @TempDir
    Path dataDir;

    private Wharf start(RecordingSink sink) {
        return Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).firehoseTransitionMillis(0)
                .firehoseSink(sink).build());
    }

    private static FirehoseClient client(Wharf wharf) {
        return FirehoseClient.builder().endpointOverride(URI.create(wharf.endpoint())).region(Clients.REGION)
                .credentialsProvider(Clients.CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())).build();
    }

    @Test
    void bufferedRecordsAndStreamsSurviveARestart() throws Exception {
        RecordingSink down = new RecordingSink();
        down.failNext(Integer.MAX_VALUE);
        List<String> acknowledged = new ArrayList<>();
        try (Wharf wharf = start(down); FirehoseClient firehose = client(wharf)) {
            firehose.createDeliveryStream(r -> r.deliveryStreamName("durable")
                    .extendedS3DestinationConfiguration(d -> d.roleARN("arn:aws:iam::000000000000:role/r")
                            .bucketARN("arn:aws:s3:::b").bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0)))
                    .tags(Tag.builder().key("team").value("wharf").build()));
            firehose.updateDestination(r -> r.deliveryStreamName("durable").currentDeliveryStreamVersionId("1")
                    .destinationId("destinationId-000000000001").extendedS3DestinationUpdate(u -> u.prefix("kept/")));
            firehose.startDeliveryStreamEncryption(r -> r.deliveryStreamName("durable"));
            for (int batch = 0; batch < 3; batch++) {
                int b = batch;
                List<Record> records = IntStream.range(0, 100).mapToObj(i -> Record.builder()
                        .data(SdkBytes.fromUtf8String(b + "-" + i + "\n")).build()).toList();
                var answer = firehose.putRecordBatch(r -> r.deliveryStreamName("durable").records(records));
                assertThat(answer.failedPutCount()).isZero();
                records.forEach(r -> acknowledged.add(r.data().asUtf8String()));
            }
            // the sink is down: the delivery worker tries and fails, nothing is delivered
            for (int i = 0; i < 100 && down.failures.get() == 0; i++) {
                Thread.sleep(20);
            }
            assertThat(down.failures.get()).isPositive();
            assertThat(down.objects).isEmpty();
        }
        RecordingSink up = new RecordingSink();
        try (Wharf wharf = start(up); FirehoseClient firehose = client(wharf)) {
            DeliveryStreamDescription d = firehose.describeDeliveryStream(r -> r.deliveryStreamName("durable"))
                    .deliveryStreamDescription();
            assertThat(d.versionId()).isEqualTo("2");
            assertThat(d.destinations().get(0).extendedS3DestinationDescription().prefix()).isEqualTo("kept/");
            assertThat(d.deliveryStreamEncryptionConfiguration().statusAsString()).isEqualTo("ENABLED");
            assertThat(firehose.listTagsForDeliveryStream(r -> r.deliveryStreamName("durable")).tags())
                    .containsExactly(Tag.builder().key("team").value("wharf").build());
            List<String> delivered = new ArrayList<>();
            for (int i = 0; i < 200 && delivered.size() < acknowledged.size(); i++) {
                Thread.sleep(50);
                delivered.clear();
                up.objects.forEach((key, bytes) -> {
                    assertThat(key).startsWith("b/kept/").contains("/durable-2-");
                    new String(bytes, StandardCharsets.UTF_8).lines().forEach(l -> delivered.add(l + "\n"));
                });
            }
            assertThat(delivered).containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }
}
