package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.KinesisService;
import io.wharf.kinesis.KinesisSettings;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.StreamRef;
import io.wharf.protocol.EventStreamOperation;
import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;
import io.wharf.storage.MemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscription loop without a socket, with a short lifetime and heartbeat: empty events keep a quiet
 * subscription alive, records are pushed between heartbeats, and the stream ends when its lifetime is over.
 */
class SubscribeToShardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KinesisService service = KinesisService.create(new MemoryStore(), Clock.systemUTC(),
            KinesisSettings.defaults().withTransitionMillis(0),
            io.wharf.storage.crypto.MasterKey.ephemeral());
    private final KinesisEngine engine = service.engine();
    private final RequestContext ctx = new RequestContext("r", "000000000000", "us-east-1", null, "localhost",
            "http", "/");

    @AfterEach
    void close() {
        service.close();
    }

    private record Event(long atMillis, ObjectNode payload) {
    }

    @Test
    void heartbeatsRecordsAndTheEndOfTheLifetime() throws Exception {
        StreamRef stream = StreamRef.of("s", null, "000000000000", "us-east-1");
        engine.createStream(stream, 1, null, Map.of(), null, null);
        String streamArn = engine.summary(stream).arn();
        String consumerArn = engine.registerConsumer(streamArn, "c", Map.of()).arn();
        SubscribeToShard subscribe = new SubscribeToShard(engine, Clock.systemUTC(), 1_500, 200);
        ObjectNode request = JSON.createObjectNode().put("ConsumerARN", consumerArn)
                .put("ShardId", "shardId-000000000000");
        request.putObject("StartingPosition").put("Type", "LATEST");
        EventStreamOperation.Events events = subscribe.open(ctx, new Input(request));

        List<Event> seen = new ArrayList<>();
        long start = System.currentTimeMillis();
        Thread producer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(500);
                engine.records().put(stream, List.of(new io.wharf.kinesis.engine.Views.PutEntry(
                        "hello".getBytes(), "k", null)), "records");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        events.run(new EventStreamOperation.Sink() {
            @Override
            public void event(String eventType, ObjectNode payload) {
                assertThat(eventType).isEqualTo("SubscribeToShardEvent");
                seen.add(new Event(System.currentTimeMillis() - start, payload));
            }

            @Override
            public void exception(String exceptionType, String message) {
                throw new AssertionError(exceptionType + ": " + message);
            }

            @Override
            public boolean open() {
                return true;
            }
        });
        producer.join();
        long ended = System.currentTimeMillis() - start;

        assertThat(ended).as("the stream ends with its lifetime").isBetween(1_400L, 30_000L);
        List<Event> withRecords = seen.stream().filter(e -> !e.payload().get("Records").isEmpty()).toList();
        assertThat(withRecords).hasSize(1);
        assertThat(withRecords.get(0).payload().get("Records").get(0).get("PartitionKey").asText()).isEqualTo("k");
        assertThat(seen.size() - withRecords.size()).as("heartbeats").isGreaterThanOrEqualTo(2);
        assertThat(seen).allSatisfy(e -> assertThat(e.payload().has("ContinuationSequenceNumber")).isTrue());
    }
}
