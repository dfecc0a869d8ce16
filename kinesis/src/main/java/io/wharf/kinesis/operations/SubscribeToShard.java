package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.KinesisErrors;
import io.wharf.kinesis.engine.ConsumerView;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.StreamRef;
import io.wharf.kinesis.engine.Views;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.EventStreamOperation;
import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SubscribeToShard (enhanced fan-out, kinesis.md §1.6): checks the consumer (ACTIVE), the shard and the starting
 * position before answering — those errors are ordinary error responses — then streams {@code SubscribeToShardEvent}s
 * on the request's thread: records as soon as they are durable (the reader waits on the shard, no polling loop),
 * an empty heartbeat event at least every {@value #HEARTBEAT_MILLIS} ms, the shard's ChildShards and no
 * ContinuationSequenceNumber at the end of a closed shard, and the end of the stream after five minutes.
 *
 * <p>One subscription per (consumer, shard): a second one within five seconds of the first is refused
 * (ResourceInUseException); a later one takes over and the earlier stream ends with a ResourceInUseException event.
 */
public final class SubscribeToShard implements EventStreamOperation {
    static final long HEARTBEAT_MILLIS = 5_000;
    static final long LIFETIME_MILLIS = 5 * 60_000;
    private static final long TAKE_OVER_AFTER_MILLIS = 5_000;
    private static final int MAX_RECORDS_PER_EVENT = 10_000;

    private final KinesisEngine engine;
    private final Clock clock;
    private final long lifetimeMillis;
    private final long heartbeatMillis;
    private final Map<String, Subscription> active = new ConcurrentHashMap<>();

    /** One running subscription; {@code replaced} once another took over. */
    private static final class Subscription {
        final long startedMillis;
        volatile boolean replaced;

        Subscription(long startedMillis) {
            this.startedMillis = startedMillis;
        }
    }

    public SubscribeToShard(KinesisEngine engine) {
        this(engine, Clock.systemUTC(), LIFETIME_MILLIS, HEARTBEAT_MILLIS);
    }

    /**
     * @param lifetimeMillis  how long a subscription lasts (AWS: five minutes; shorter in tests)
     * @param heartbeatMillis the longest silence before an empty event (AWS: about five seconds)
     */
    public SubscribeToShard(KinesisEngine engine, Clock clock, long lifetimeMillis, long heartbeatMillis) {
        this.engine = engine;
        this.clock = clock;
        this.lifetimeMillis = lifetimeMillis;
        this.heartbeatMillis = heartbeatMillis;
    }

    @Override
    public Events open(RequestContext ctx, Input input) {
        String consumerArn = input.string("ConsumerARN");
        ConsumerView consumer = engine.describeConsumer(null, null, consumerArn);
        if (!"ACTIVE".equals(consumer.status())) {
            throw KinesisErrors.RESOURCE_IN_USE.error("Consumer " + consumerArn + " is not in ACTIVE state, instead in "
                    + consumer.status() + ".");
        }
        String shardId = input.string("ShardId");
        Input position = input.struct("StartingPosition");
        StreamRef stream = StreamRef.parseArn(consumer.streamArn());
        String iterator = engine.records().shardIterator(stream, shardId, position.string("Type"),
                position.string("SequenceNumber"), position.longValue("Timestamp"));
        String key = consumerArn + "\u0000" + shardId;
        long now = clock.millis();
        Subscription mine = new Subscription(now);
        Subscription before = active.put(key, mine);
        if (before != null && !before.replaced && now - before.startedMillis < TAKE_OVER_AFTER_MILLIS) {
            active.put(key, before);
            throw KinesisErrors.RESOURCE_IN_USE.error("Another active subscription exists for this consumer: "
                    + consumerArn);
        }
        if (before != null) {
            before.replaced = true;
        }
        return sink -> {
            engine.subscriptionChanged(stream, 1);
            try {
                stream(sink, iterator, mine, consumerArn);
            } finally {
                active.remove(key, mine);
                engine.subscriptionChanged(stream, -1);
            }
        };
    }

    private void stream(Sink sink, String start, Subscription mine, String consumerArn)
            throws IOException, InterruptedException {
        long end = clock.millis() + lifetimeMillis;
        String iterator = start;
        String continuation = engine.records().sequenceNumberBefore(start);
        long lastEvent = 0; // the first event goes out at once
        long lastCheck = clock.millis();
        while (sink.open() && clock.millis() < end) {
            if (clock.millis() - lastCheck >= 1_000) { // a deregistered consumer ends its subscriptions
                lastCheck = clock.millis();
                try {
                    engine.describeConsumer(null, null, consumerArn);
                } catch (AwsException e) {
                    sink.exception(e.type(), e.getMessage());
                    return;
                }
            }
            if (mine.replaced) {
                sink.exception("ResourceInUseException", "Another subscription for consumer " + consumerArn
                        + " took over this shard.");
                return;
            }
            Views.RecordsPage page;
            try {
                page = engine.records().readForSubscription(iterator, MAX_RECORDS_PER_EVENT);
            } catch (AwsException e) { // the stream or shard went away meanwhile
                sink.exception(e.type(), e.getMessage());
                return;
            }
            if (!page.records().isEmpty()) {
                continuation = page.records().get(page.records().size() - 1).sequenceNumber();
            }
            if (page.nextShardIterator() == null) { // the end of a closed shard
                sink.event("SubscribeToShardEvent", event(page, null));
                return;
            }
            long now = clock.millis();
            if (!page.records().isEmpty() || now - lastEvent >= heartbeatMillis) {
                sink.event("SubscribeToShardEvent", event(page, continuation));
                lastEvent = now;
            }
            iterator = page.nextShardIterator();
            if (page.millisBehindLatest() == 0) { // caught up: wait for the next record, or the next heartbeat
                long wait = Math.min(heartbeatMillis - (clock.millis() - lastEvent), end - clock.millis());
                if (wait > 0) {
                    engine.records().awaitRecords(iterator, wait);
                }
            }
        }
    }

    private static ObjectNode event(Views.RecordsPage page, String continuation) {
        return Wire.records(page, out -> {
            if (continuation != null) {
                out.put("ContinuationSequenceNumber", continuation);
            }
        });
    }
}
