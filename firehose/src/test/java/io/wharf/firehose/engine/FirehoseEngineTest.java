package io.wharf.firehose.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.DeliveryFailure;
import io.wharf.firehose.FirehoseSettings;
import io.wharf.firehose.ObjectSink;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.crypto.DataKeys;
import io.wharf.storage.MemoryStore;
import io.wharf.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Buffering by size and interval, retries, restart and lifecycle, on a manual clock with delivery run by hand. */
class FirehoseEngineTest {
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    /** 2018-08-27T10:30:00Z, the time of AWS's prefix examples. */
    static final long START = 1535365800000L;

    final ManualClock clock = new ManualClock(START);
    final MemoryStore store = new MemoryStore();
    final Sink sink = new Sink();
    final List<FirehoseEngine> engines = new ArrayList<>();

    static final class Sink implements ObjectSink {
        final Map<String, String> objects = Collections.synchronizedMap(new LinkedHashMap<>());
        final List<String> attempts = Collections.synchronizedList(new ArrayList<>());
        int failNext;

        @Override
        public String put(String bucketArn, String key, InputStream content, long length, String contentEncoding)
                throws DeliveryFailure {
            attempts.add(key);
            if (failNext > 0) {
                failNext--;
                throw new DeliveryFailure("S3.ServiceUnavailable", "down");
            }
            try {
                objects.put(key, new String(content.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return "etag";
        }
    }

    FirehoseEngine engine(long transitionMillis) {
        FirehoseEngine engine = new FirehoseEngine(store, clock, new FirehoseSettings(transitionMillis, 5000, java.util.Map.of()),
                DataKeys.NONE, sink, io.wharf.firehose.OutboundHttp.NONE, false);
        engines.add(engine);
        return engine;
    }

    @AfterEach
    void close() {
        engines.forEach(FirehoseEngine::close);
    }

    static ObjectNode s3(int sizeInMBs, int intervalSeconds) {
        ObjectNode d = JsonNodeFactory.instance.objectNode().put("RoleARN", "arn:aws:iam::000000000000:role/r")
                .put("BucketARN", "arn:aws:s3:::b");
        d.putObject("BufferingHints").put("SizeInMBs", sizeInMBs).put("IntervalInSeconds", intervalSeconds);
        return d;
    }

    static void create(FirehoseEngine engine, String name, ObjectNode destination) {
        engine.create(new FirehoseEngine.CreateCommand(name, ACCOUNT, REGION, null, null, null,
                "ExtendedS3DestinationConfiguration", destination, null, null, Map.of()));
    }

    static void put(FirehoseEngine engine, String name, String... records) {
        List<byte[]> data = new ArrayList<>();
        for (String r : records) {
            data.add(r.getBytes(StandardCharsets.UTF_8));
        }
        engine.put(name, ACCOUNT, REGION, data);
    }

    @Test
    void deliversWhenTheOldestRecordIsIntervalOld() {
        FirehoseEngine engine = engine(0);
        create(engine, "s", s3(1, 60));
        put(engine, "s", "a", "b");
        clock.advanceSeconds(30);
        put(engine, "s", "c");
        assertThat(engine.deliverDue()).isZero();
        clock.advanceSeconds(29);
        assertThat(engine.deliverDue()).isZero();
        clock.advanceSeconds(1);
        assertThat(engine.deliverDue()).isEqualTo(1);
        assertThat(sink.objects.values()).containsExactly("abc");
        // named after the oldest record's arrival (10:30:00), in the default yyyy/MM/dd/HH/ path
        assertThat(sink.objects.keySet().iterator().next())
                .matches("2018/08/27/10/s-1-2018-08-27-10-30-00-[0-9a-f-]{36}");
        var counters = engine.counters("s", ACCOUNT, REGION);
        assertThat(counters.recordsIn()).isEqualTo(3);
        assertThat(counters.objectsDelivered()).isEqualTo(1);
        assertThat(counters.recordsDelivered()).isEqualTo(3);
        assertThat(counters.recordsBuffered()).isZero();
        assertThat(countStored()).isZero();
    }

    @Test
    void deliversAFullBufferAtOnceAndKeepsTheRest() {
        FirehoseEngine engine = engine(0);
        create(engine, "s", s3(1, 900));
        String chunk = "x".repeat(400 * 1024);
        put(engine, "s", chunk, chunk, chunk);
        assertThat(engine.deliverDue()).isEqualTo(1);
        assertThat(sink.objects.values()).singleElement().satisfies(o -> assertThat(o).hasSize(800 * 1024));
        assertThat(countStored()).isEqualTo(1);
        clock.advanceSeconds(900);
        assertThat(engine.deliverDue()).isEqualTo(1);
        assertThat(countStored()).isZero();
    }

    @Test
    void zeroBufferingDeliversOnTheNextPass() {
        FirehoseEngine engine = engine(0);
        create(engine, "s", s3(5, 0));
        put(engine, "s", "now");
        assertThat(engine.deliverDue()).isEqualTo(1);
        assertThat(sink.objects.values()).containsExactly("now");
    }

    @Test
    void aFailedWriteIsRetriedUnderTheSameKeyWithBackoffAndNothingIsLost() {
        FirehoseEngine engine = engine(0);
        create(engine, "s", s3(5, 0));
        sink.failNext = 2;
        put(engine, "s", "r1", "r2");
        assertThat(engine.deliverDue()).isZero();
        assertThat(countStored()).isEqualTo(2);
        assertThat(engine.deliverDue()).isZero(); // backing off: no second attempt yet
        assertThat(sink.attempts).hasSize(1);
        clock.advanceSeconds(1);
        assertThat(engine.deliverDue()).isZero();
        clock.advanceSeconds(1);
        assertThat(engine.deliverDue()).isZero(); // second backoff is 2 s
        clock.advanceSeconds(1);
        put(engine, "s", "r3");
        assertThat(engine.deliverDue()).isEqualTo(2); // the retried batch, then the new record
        assertThat(sink.attempts.get(0)).isEqualTo(sink.attempts.get(1)).isEqualTo(sink.attempts.get(2));
        assertThat(sink.objects.get(sink.attempts.get(0))).isEqualTo("r1r2");
        assertThat(sink.objects.values()).containsExactly("r1r2", "r3");
        assertThat(engine.counters("s", ACCOUNT, REGION).deliveryFailures()).isEqualTo(2);
        assertThat(countStored()).isZero();
    }

    @Test
    void aRestartResumesTheBufferedRecords() {
        FirehoseEngine first = engine(0);
        create(first, "s", s3(5, 60));
        put(first, "s", "before-", "restart");
        first.close();
        FirehoseEngine second = engine(0);
        assertThat(second.describe("s", ACCOUNT, REGION).status()).isEqualTo("ACTIVE");
        put(second, "s", "-after");
        clock.advanceSeconds(60);
        assertThat(second.deliverDue()).isEqualTo(1);
        assertThat(sink.objects.values()).containsExactly("before-restart-after");
        second.close();
        FirehoseEngine third = engine(0);
        clock.advanceSeconds(600);
        assertThat(third.deliverDue()).isZero();
        assertThat(third.counters("s", ACCOUNT, REGION).recordsBuffered()).isZero();
    }

    @Test
    void creatingThenActiveByTheClock() {
        FirehoseEngine engine = engine(5_000);
        create(engine, "s", s3(5, 60));
        assertThat(engine.describe("s", ACCOUNT, REGION).status()).isEqualTo("CREATING");
        assertThatThrownBy(() -> put(engine, "s", "x")).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.code()).isEqualTo("ResourceInUseException"));
        assertThatThrownBy(() -> engine.delete("s", ACCOUNT, REGION, false))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("ResourceInUseException"));
        clock.advanceSeconds(5);
        assertThat(engine.describe("s", ACCOUNT, REGION).status()).isEqualTo("ACTIVE");
        put(engine, "s", "x");
        engine.delete("s", ACCOUNT, REGION, false);
        assertThat(engine.describe("s", ACCOUNT, REGION).status()).isEqualTo("DELETING");
        assertThat(countStored()).isZero();
        clock.advanceSeconds(5);
        assertThatThrownBy(() -> engine.describe("s", ACCOUNT, REGION)).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.code()).isEqualTo("ResourceNotFoundException"));
        create(engine, "s", s3(5, 60)); // the name is free again
    }

    @Test
    void appendDelimiterAndFileExtensionShapeTheObject() {
        FirehoseEngine engine = engine(0);
        ObjectNode d = s3(5, 0).put("FileExtension", ".json");
        ObjectNode processing = d.putObject("ProcessingConfiguration").put("Enabled", true);
        processing.putArray("Processors").addObject().put("Type", "AppendDelimiterToRecord");
        create(engine, "s", d);
        ObjectNode custom = s3(5, 0);
        ObjectNode customProcessing = custom.putObject("ProcessingConfiguration").put("Enabled", true);
        ObjectNode processor = customProcessing.putArray("Processors").addObject().put("Type", "AppendDelimiterToRecord");
        processor.putArray("Parameters").addObject().put("ParameterName", "Delimiter").put("ParameterValue", "IyMjIw==");
        create(engine, "t", custom);
        put(engine, "s", "{\"a\":1}", "{\"a\":2}");
        put(engine, "t", "x", "y");
        assertThat(engine.deliverDue()).isEqualTo(2);
        assertThat(sink.objects).hasEntrySatisfying(sink.attempts.get(0), o -> assertThat(o)
                .isEqualTo("{\"a\":1}\n{\"a\":2}\n"));
        assertThat(sink.attempts.get(0)).endsWith(".json");
        assertThat(sink.objects.get(sink.attempts.get(1))).isEqualTo("x####y####");
    }

    private int countStored() {
        int[] count = {0};
        store.scan(store.keySpace(FirehoseStoreLayout.RECORDS), new byte[0], (k, v) -> count[0]++);
        return count[0];
    }
}
