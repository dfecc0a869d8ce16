package io.wharf.server.awsmetrics;

import io.wharf.cloudwatch.engine.Aggregate;
import io.wharf.cloudwatch.engine.Dimension;
import io.wharf.firehose.engine.StreamCounters;
import io.wharf.server.metrics.CardinalityGuard;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code AWS/Firehose}, dimension {@code DeliveryStreamName}, for the streams that took in or delivered records in the
 * interval or still hold undelivered ones: IncomingBytes and IncomingRecords (Direct PUT and a Kinesis source alike),
 * and for the destinations Wharf delivers to, {@code DeliveryTo<destination>.Records}, {@code .Bytes} (the records'
 * data), {@code .Success} (1 per object written, 0 per failed attempt: its average is AWS's ratio) and
 * {@code .DataFreshness} (the age of the oldest record not yet delivered, seconds).
 */
final class FirehoseMetrics implements MetricSource {
    static final String NAMESPACE = "AWS/Firehose";

    /** The destination configurations whose delivery metrics Wharf can know, and AWS's metric prefix for each. */
    private static final Map<String, String> PREFIXES = Map.of(
            "ExtendedS3DestinationConfiguration", "DeliveryToS3",
            "S3DestinationConfiguration", "DeliveryToS3",
            "HttpEndpointDestinationConfiguration", "DeliveryToHttpEndpoint");

    private final Supplier<List<StreamCounters.Totals>> streams;
    private final CardinalityGuard guard;
    private final Deltas deltas = new Deltas();

    FirehoseMetrics(Supplier<List<StreamCounters.Totals>> streams, int cap) {
        this.streams = streams;
        this.guard = new CardinalityGuard(cap);
    }

    @Override
    public void collect(Datapoints out, long nowMillis) {
        List<StreamCounters.Totals> all = streams.get();
        Set<String> present = new HashSet<>();
        all.forEach(s -> present.add(key(s)));
        guard.retainOnly(present);
        for (StreamCounters.Totals s : all) {
            String key = key(s);
            long recordsIn = deltas.delta(List.of(key, "recordsIn"), s.recordsIn());
            long bytesIn = deltas.delta(List.of(key, "bytesIn"), s.bytesIn());
            long objects = deltas.delta(List.of(key, "objects"), s.objectsDelivered());
            long records = deltas.delta(List.of(key, "records"), s.recordsDelivered());
            long bytes = deltas.delta(List.of(key, "bytes"), s.bytesDelivered());
            long failures = deltas.delta(List.of(key, "failures"), s.deliveryFailures());
            boolean waiting = s.oldestUndeliveredMillis() >= 0;
            if (recordsIn + objects + failures == 0 && !waiting || !guard.admit(key)) {
                continue;
            }
            Datapoints.Scope scope = new Datapoints.Scope(s.account(), s.region(), NAMESPACE);
            List<Dimension> stream = List.of(new Dimension("DeliveryStreamName", s.name()));
            out.add(scope, "IncomingRecords", stream, "Count", recordsIn);
            out.add(scope, "IncomingBytes", stream, "Bytes", bytesIn);
            String prefix = PREFIXES.get(s.destinationMember());
            if (prefix == null) {
                continue;
            }
            out.add(scope, prefix + ".Records", stream, "Count", records);
            out.add(scope, prefix + ".Bytes", stream, "Bytes", bytes);
            if (objects + failures > 0) {
                out.add(scope, prefix + ".Success", stream, "Count", new Aggregate(objects + failures, objects,
                        failures > 0 ? 0 : 1, objects > 0 ? 1 : 0));
            }
            out.add(scope, prefix + ".DataFreshness", stream, "Seconds",
                    waiting ? Math.max(0, nowMillis - s.oldestUndeliveredMillis()) / 1000 : 0);
        }
        deltas.endInterval();
    }

    private static String key(StreamCounters.Totals s) {
        return s.account() + ":" + s.region() + ":" + s.name();
    }
}
