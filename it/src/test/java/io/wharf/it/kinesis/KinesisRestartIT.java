package io.wharf.it.kinesis;

import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records come back after a clean restart on the same data directory, in order, with the sequence numbers
 * they were acknowledged with; an iterator issued before the restart still reads; the shard map (with a
 * split) and settings survive; new records continue the numbering.
 */
class KinesisRestartIT {
    @TempDir
    Path dataDir;

    private Wharf start() {
        return Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).kinesisTransitionMillis(0).build());
    }

    @Test
    void recordsAndStreamsSurviveARestart() {
        Map<String, String> acknowledged = new LinkedHashMap<>(); // sequence number -> data
        String iteratorBefore;
        String lastBefore;
        try (Wharf wharf = start(); KinesisClient kinesis = Clients.kinesis(URI.create(wharf.endpoint()))) {
            kinesis.createStream(r -> r.streamName("durable").shardCount(2));
            kinesis.addTagsToStream(r -> r.streamName("durable").tags(Map.of("team", "wharf")));
            kinesis.increaseStreamRetentionPeriod(r -> r.streamName("durable").retentionPeriodHours(72));
            for (int batch = 0; batch < 5; batch++) {
                List<PutRecordsRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + (i % 7))
                            .explicitHashKey("0").data(SdkBytes.fromUtf8String("b" + batch + "-" + i)).build());
                }
                List<PutRecordsResultEntry> results = kinesis.putRecords(r -> r.streamName("durable").records(entries))
                        .records();
                for (int i = 0; i < entries.size(); i++) {
                    acknowledged.put(results.get(i).sequenceNumber(), entries.get(i).data().asUtf8String());
                }
            }
            iteratorBefore = kinesis.getShardIterator(r -> r.streamName("durable").shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            lastBefore = new ArrayList<>(acknowledged.keySet()).get(acknowledged.size() - 1);
            kinesis.splitShard(r -> r.streamName("durable").shardToSplit("shardId-000000000000")
                    .newStartingHashKey("1000"));
        }

        try (Wharf wharf = start(); KinesisClient kinesis = Clients.kinesis(URI.create(wharf.endpoint()))) {
            var summary = kinesis.describeStreamSummary(r -> r.streamName("durable")).streamDescriptionSummary();
            assertThat(summary.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
            assertThat(summary.retentionPeriodHours()).isEqualTo(72);
            assertThat(summary.openShardCount()).isEqualTo(3);
            assertThat(kinesis.listTagsForStream(r -> r.streamName("durable")).tags()).hasSize(1);

            List<Record> read = new ArrayList<>();
            String next = iteratorBefore;
            GetRecordsResponse page;
            do {
                String current = next;
                page = kinesis.getRecords(r -> r.shardIterator(current).limit(77));
                read.addAll(page.records());
                next = page.nextShardIterator();
            } while (next != null);
            assertThat(page.childShards()).hasSize(2);
            Map<String, String> back = new LinkedHashMap<>();
            read.forEach(r -> back.put(r.sequenceNumber(), r.data().asUtf8String()));
            assertThat(back).containsExactlyEntriesOf(acknowledged);

            String after = kinesis.putRecord(r -> r.streamName("durable").partitionKey("k").explicitHashKey("0")
                    .data(SdkBytes.fromUtf8String("after"))).sequenceNumber();
            assertThat(new BigInteger(after)).isGreaterThan(new BigInteger(lastBefore));
        }
    }
}
