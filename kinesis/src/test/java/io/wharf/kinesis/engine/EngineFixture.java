package io.wharf.kinesis.engine;

import io.wharf.testing.ManualClock;

import io.wharf.kinesis.KinesisSettings;
import io.wharf.storage.MemoryStore;
import io.wharf.storage.Store;
import io.wharf.storage.crypto.MasterKey;
import org.junit.jupiter.api.AfterEach;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An engine on a memory store and a manual clock; streams in account 123456789012, eu-west-1. */
abstract class EngineFixture {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final long TRANSITION = 500;
    static final KinesisSettings SETTINGS = new KinesisSettings(TRANSITION, 500, 50, 4, 3_600_000, false,
            KinesisSettings.OnDemandScaling.DEFAULT);
    /** The master key the engines of these tests wrap their iterator key with (fixed: restarts reopen it). */
    static final MasterKey MASTER_KEY = MasterKey.of(new byte[32]);

    final ManualClock clock = new ManualClock(1_700_000_000_000L);
    Store store = new MemoryStore();
    KinesisEngine engine = new KinesisEngine(store, clock, settings(), MASTER_KEY);

    /** The engine's settings; a test class overrides this to turn limits or scaling on (called during construction). */
    KinesisSettings settings() {
        return SETTINGS;
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    /** A new engine over the same store, as after a restart. */
    void restart() {
        engine.close();
        engine = new KinesisEngine(store, clock, settings(), MASTER_KEY);
    }

    static StreamRef ref(String name) {
        return new StreamRef(ACCOUNT, REGION, name);
    }

    /** Creates a provisioned stream and waits (on the clock) until it is ACTIVE. */
    StreamRef activeStream(String name, int shards) {
        StreamRef ref = ref(name);
        engine.createStream(ref, shards, null, Map.of(), null, null);
        clock.advance(Duration.ofMillis(TRANSITION));
        return ref;
    }

    void settle() {
        clock.advance(Duration.ofMillis(TRANSITION));
    }

    Views.PutResult put(StreamRef ref, String partitionKey, String data) {
        return engine.records().put(ref, List.of(new Views.PutEntry(data.getBytes(StandardCharsets.UTF_8),
                partitionKey, null)), "data").results().get(0);
    }

    Views.PutResult putAt(StreamRef ref, String explicitHashKey, String data) {
        return engine.records().put(ref, List.of(new Views.PutEntry(data.getBytes(StandardCharsets.UTF_8),
                "pk", explicitHashKey)), "data").results().get(0);
    }

    /** Every record from {@code iterator} on, following NextShardIterator until a read comes back empty. */
    List<String> readAll(String iterator) {
        List<String> data = new ArrayList<>();
        String next = iterator;
        while (next != null) {
            Views.RecordsPage page = engine.records().get(next, 10_000);
            page.records().forEach(r -> data.add(new String(r.data(), StandardCharsets.UTF_8)));
            if (page.records().isEmpty()) {
                break;
            }
            next = page.nextShardIterator();
        }
        return data;
    }

    String iterator(StreamRef ref, String shardId, String type) {
        return engine.records().shardIterator(ref, shardId, type, null, null);
    }
}
