package io.wharf.kinesis.operations;

import io.wharf.testing.ManualClock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.kinesis.KinesisService;
import io.wharf.kinesis.KinesisSettings;
import io.wharf.protocol.GatewaySettings;
import io.wharf.protocol.ServiceGateway;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import io.wharf.storage.MemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On-demand scaling as a client sees it on the wire (AWS JSON 1.1, a one-second window on a manual clock):
 * ListShards shows the split with its lineage, the stream stays ACTIVE, readers of the parent get ChildShards.
 */
class OnDemandScalingWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final KinesisService kinesis = KinesisService.create(new MemoryStore(), clock, KinesisSettings.defaults()
            .withTransitionMillis(0).withOnDemandScaling(new KinesisSettings.OnDemandScaling(1_000, 50)),
            io.wharf.storage.crypto.MasterKey.ephemeral());
    private final ServiceGateway gateway = new ServiceGateway(List.of(kinesis),
            new GatewaySettings("000000000000", "us-east-1", null));

    @AfterEach
    void close() {
        kinesis.close();
    }

    private JsonNode call(String operation, String body) throws Exception {
        WireResponse r = gateway.handle(new WireRequest("POST", "/", Map.of(), Map.of("content-type",
                "application/x-amz-json-1.1", "x-amz-target", "Kinesis_20131202." + operation),
                body.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readTree(r.body().length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : r.body());
    }

    private static List<String> ids(JsonNode shards) {
        List<String> ids = new ArrayList<>();
        shards.forEach(s -> ids.add(s.get("ShardId").asText()));
        return ids;
    }

    @Test
    void aHotShardOfAnOnDemandStreamSplitsWithLineage() throws Exception {
        call("CreateStream", "{\"StreamName\":\"od\"}");
        assertThat(ids(call("ListShards", "{\"StreamName\":\"od\"}").get("Shards"))).hasSize(4);
        String data = Base64.getEncoder().encodeToString(new byte[400 * 1024]);
        String entry = "{\"Data\":\"" + data + "\",\"PartitionKey\":\"k\",\"ExplicitHashKey\":\"0\"}";
        JsonNode put = call("PutRecords", "{\"StreamName\":\"od\",\"Records\":[" + entry + "," + entry + "]}");
        assertThat(put.get("FailedRecordCount").asInt()).isZero();
        clock.advance(Duration.ofSeconds(1)); // 800 KiB in a second: 78 % of shard 0's capacity
        call("PutRecord", "{\"StreamName\":\"od\",\"Data\":\"AA==\",\"PartitionKey\":\"k\",\"ExplicitHashKey\":\"0\"}");

        JsonNode shards = call("ListShards", "{\"StreamName\":\"od\"}").get("Shards");
        assertThat(ids(shards)).containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002",
                "shardId-000000000003", "shardId-000000000004", "shardId-000000000005");
        assertThat(shards.get(0).get("SequenceNumberRange").has("EndingSequenceNumber")).isTrue();
        assertThat(shards.get(4).get("ParentShardId").asText()).isEqualTo("shardId-000000000000");
        assertThat(shards.get(5).get("ParentShardId").asText()).isEqualTo("shardId-000000000000");
        JsonNode open = call("ListShards", "{\"StreamName\":\"od\",\"ShardFilter\":{\"Type\":\"AT_LATEST\"}}")
                .get("Shards");
        assertThat(ids(open)).containsExactly("shardId-000000000001", "shardId-000000000002", "shardId-000000000003",
                "shardId-000000000004", "shardId-000000000005");
        JsonNode summary = call("DescribeStreamSummary", "{\"StreamName\":\"od\"}").get("StreamDescriptionSummary");
        assertThat(summary.get("StreamStatus").asText()).isEqualTo("ACTIVE");
        assertThat(summary.get("OpenShardCount").asInt()).isEqualTo(5);
        assertThat(summary.get("StreamModeDetails").get("StreamMode").asText()).isEqualTo("ON_DEMAND");

        String iterator = call("GetShardIterator", "{\"StreamName\":\"od\",\"ShardId\":\"shardId-000000000000\","
                + "\"ShardIteratorType\":\"LATEST\"}").get("ShardIterator").asText();
        JsonNode end = call("GetRecords", "{\"ShardIterator\":\"" + iterator + "\"}");
        assertThat(end.has("NextShardIterator")).isFalse();
        assertThat(ids(end.get("ChildShards"))).containsExactly("shardId-000000000004", "shardId-000000000005");
    }
}
