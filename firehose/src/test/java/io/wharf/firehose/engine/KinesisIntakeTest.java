package io.wharf.firehose.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.FirehoseSettings;
import io.wharf.firehose.KinesisSource;
import io.wharf.firehose.OutboundHttp;
import io.wharf.protocol.crypto.DataKeys;
import io.wharf.storage.MemoryStore;
import io.wharf.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.wharf.firehose.engine.FirehoseEngineTest.ACCOUNT;
import static io.wharf.firehose.engine.FirehoseEngineTest.REGION;
import static io.wharf.firehose.engine.FirehoseEngineTest.START;
import static org.assertj.core.api.Assertions.assertThat;

/** Kinesis as source: lineage order, the start timestamp, checkpoints that survive a restart. */
class KinesisIntakeTest {
    static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/src";

    final ManualClock clock = new ManualClock(START);
    final MemoryStore store = new MemoryStore();
    final FirehoseEngineTest.Sink sink = new FirehoseEngineTest.Sink();

    /** A stream whose shards and records the test sets; reads count how often each shard was asked. */
    static final class FakeStream implements KinesisSource {
        final Map<String, Shard> shards = new LinkedHashMap<>();
        final Map<String, List<SourceRecord>> records = new LinkedHashMap<>();
        final List<String> reads = new ArrayList<>();
        long sequence;

        void shard(String id, String parent, boolean closed) {
            shards.put(id, new Shard(id, parent, null, closed));
            records.putIfAbsent(id, new ArrayList<>());
        }

        void add(String shard, long arrival, String data) {
            records.get(shard).add(new SourceRecord(String.format("%056d", ++sequence), arrival,
                    data.getBytes(StandardCharsets.UTF_8), "pk"));
        }

        @Override
        public List<Shard> shards(String streamArn) {
            return List.copyOf(shards.values());
        }

        @Override
        public Page read(String streamArn, String shardId, String after, int limit) {
            reads.add(shardId);
            List<SourceRecord> out = new ArrayList<>();
            for (SourceRecord r : records.get(shardId)) {
                if ((after == null || r.sequenceNumber().compareTo(after) > 0) && out.size() < limit) {
                    out.add(r);
                }
            }
            boolean ended = shards.get(shardId).closed() && (out.isEmpty()
                    || out.get(out.size() - 1) == records.get(shardId).get(records.get(shardId).size() - 1));
            return new Page(out, ended);
        }
    }

    FirehoseEngine engine(FakeStream stream) {
        return new FirehoseEngine(store, clock, new FirehoseSettings(0, 5000, Map.of()), DataKeys.NONE, sink,
                OutboundHttp.NONE, stream, false);
    }

    void create(FirehoseEngine engine) {
        ObjectNode source = JsonNodeFactory.instance.objectNode().put("KinesisStreamARN", ARN)
                .put("RoleARN", "arn:aws:iam::000000000000:role/r");
        engine.create(new FirehoseEngine.CreateCommand("f", ACCOUNT, REGION, "KinesisStreamAsSource",
                "KinesisStreamSourceConfiguration", source, "ExtendedS3DestinationConfiguration",
                FirehoseEngineTest.s3(5, 0), null, null, Map.of()));
    }

    @Test
    void readsParentsBeforeChildrenFromTheCreationTimeAndResumesAfterARestart() {
        FakeStream stream = new FakeStream();
        stream.shard("shardId-000000000000", null, true);
        stream.shard("shardId-000000000001", "shardId-000000000000", false);
        stream.add("shardId-000000000000", START - 1, "before-creation");
        stream.add("shardId-000000000000", START, "p1");
        stream.add("shardId-000000000001", START + 5, "c1");
        FirehoseEngine engine = engine(stream);
        create(engine);
        assertThat(engine.pollSources()).isEqualTo(2);
        clock.advanceSeconds(1);
        assertThat(stream.reads.indexOf("shardId-000000000000"))
                .isLessThan(stream.reads.indexOf("shardId-000000000001"));
        assertThat(engine.deliverDue()).isEqualTo(1);
        assertThat(sink.objects.values()).containsExactly("p1c1");
        assertThat(engine.pollSources()).isZero(); // nothing new: nothing read twice

        stream.add("shardId-000000000001", START + 6, "c2");
        engine.close();
        FirehoseEngine restarted = engine(stream);
        stream.reads.clear();
        assertThat(restarted.pollSources()).isEqualTo(1);
        assertThat(stream.reads).doesNotContain("shardId-000000000000"); // read to its end before the restart
        clock.advanceSeconds(1); // the source record arrived a few ms after START
        assertThat(restarted.deliverDue()).as("objects after restart, counters %s", restarted.counters("f", ACCOUNT, REGION)).isEqualTo(1);
        assertThat(sink.objects.values()).containsExactly("p1c1", "c2");
        restarted.close();
    }

    @Test
    void aChildWaitsForItsParent() {
        FakeStream stream = new FakeStream();
        stream.shard("shardId-000000000000", null, false);
        stream.shard("shardId-000000000001", "shardId-000000000000", false);
        stream.add("shardId-000000000001", START, "child");
        FirehoseEngine engine = engine(stream);
        create(engine);
        engine.pollSources();
        assertThat(stream.reads).containsOnly("shardId-000000000000");
        stream.shard("shardId-000000000000", null, true); // the parent closes
        assertThat(engine.pollSources()).isEqualTo(1);
        engine.close();
    }
}
