package io.wharf.bench.firehose;

import io.wharf.bench.measure.Latency;
import io.wharf.bench.measure.Result;
import io.wharf.bench.measure.Window;
import io.wharf.bench.s3.S3Clients;
import io.wharf.bench.scenario.Failures;
import io.wharf.bench.scenario.Pacing;
import io.wharf.bench.scenario.Scenario;
import io.wharf.bench.scenario.ScenarioSettings;
import io.wharf.bench.scenario.Workers;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code firehose-latency}: how long a record takes from PutRecord to an object in S3 that holds it, at a fixed rate
 * ({@code --rate}, default {@value #DEFAULT_RATE} records/s; {@code NAME@RATE} in a compare) into a delivery stream
 * whose buffering interval is {@code --firehose-interval} (default 0, AWS's minimum). P producers put one stamped
 * record each tick, stamped with the moment the tick was due; one reader lists the bucket back to back and reads each
 * new object, and a record's latency is from its stamp to the listing that first showed its object. Records/s (the
 * msgs/s column) are the records found in objects; a record found twice (Firehose delivers at least once) is counted
 * in {@code duplicates}, not again.
 */
public final class FirehoseLatency implements Scenario {
    static final int DEFAULT_RATE = 20;
    /** The reader lists again this soon after a listing that showed nothing new. */
    private static final long IDLE_NANOS = 20_000_000;

    @Override
    public String name() {
        return "firehose-latency";
    }

    @Override
    public Result run(ScenarioSettings settings) throws InterruptedException {
        FirehoseSettings firehose = settings.firehose();
        int rate = settings.ratePerSecond() > 0 ? settings.ratePerSecond() : DEFAULT_RATE;
        int recordBytes = Math.max(StampedRecord.MIN_BYTES, settings.bodyBytes());
        Window window = new Window(settings.warmup(), settings.duration(), settings.serverPid());
        Latency visible = new Latency("put-to-visible", window);
        Latency put = new Latency("put-record", window);
        LongAdder found = new LongAdder();
        LongAdder duplicates = new LongAdder();
        LongAdder objectsRead = new LongAdder();
        Failures failures = new Failures();
        Pacing pacing = new Pacing(rate, 1);
        try (FirehoseAsyncClient client = FirehoseClients.create(settings.endpoint(), settings.producers());
             S3AsyncClient s3 = S3Clients.create(settings.endpoint(), 4, settings.s3().expectContinue());
             BenchDeliveryStream stream = BenchDeliveryStream.create(client, s3, name(), firehose)) {
            Workers workers = new Workers();
            for (int i = 0; i < settings.producers(); i++) {
                workers.start("producer-" + i, () -> {
                    while (!window.stopped()) {
                        long stamp = pacing.awaitNextTick(window);
                        if (window.stopped()) {
                            break;
                        }
                        try {
                            client.putRecord(b -> b.deliveryStreamName(stream.name()).record(r -> r.data(
                                    SdkBytes.fromByteArrayUnsafe(StampedRecord.of(recordBytes, stamp))))).join();
                            put.recordSince(stamp);
                        } catch (RuntimeException e) {
                            failures.record(e);
                        }
                    }
                });
            }
            workers.start("reader", () -> {
                Set<String> seenObjects = new HashSet<>();
                Set<Long> seenRecords = new HashSet<>();
                while (!window.stopped()) {
                    try {
                        boolean anything = false;
                        java.util.List<S3Object> listing = stream.bucket().list(BenchDeliveryStream.PREFIX);
                        long listedAt = System.nanoTime(); // when these objects were seen to be there
                        for (S3Object object : listing) {
                            if (!seenObjects.add(object.key())) {
                                continue;
                            }
                            anything = true;
                            byte[] bytes = s3.getObject(b -> b.bucket(stream.bucket().name()).key(object.key()),
                                    AsyncResponseTransformer.toBytes()).join().asByteArrayUnsafe();
                            objectsRead.increment();
                            long[] stamps = StampedRecord.stampsIn(bytes, recordBytes);
                            if (stamps == null) {
                                failures.record("object " + object.key() + " (" + bytes.length
                                        + " bytes) is not whole records of " + recordBytes + " bytes");
                                continue;
                            }
                            for (long stamp : stamps) {
                                if (!seenRecords.add(stamp)) {
                                    duplicates.increment();
                                    continue;
                                }
                                visible.recordNanos(listedAt - stamp);
                                if (window.measuring()) {
                                    found.increment();
                                }
                            }
                        }
                        if (!anything) {
                            LockSupport.parkNanos(IDLE_NANOS);
                        }
                    } catch (RuntimeException e) {
                        failures.record(e);
                    }
                }
            });
            window.runToEnd();
            workers.awaitAll(Duration.ofSeconds(30));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("producers", Integer.toString(settings.producers()));
        parameters.put("rate", Integer.toString(rate));
        parameters.put("recordBytes", Integer.toString(recordBytes));
        parameters.put("bufferIntervalSeconds", Integer.toString(firehose.bufferIntervalSeconds()));
        parameters.put("bufferSizeMiB", Integer.toString(firehose.bufferSizeMiB()));
        parameters.put("objectsRead", Long.toString(objectsRead.sum()));
        parameters.put("duplicates", Long.toString(duplicates.sum()));
        parameters.putAll(pacing.figures(window));
        return new Result(name(), settings.target(), parameters, window.measuredSeconds(), found.sum(),
                failures.count(), failures.first(), visible.name(),
                Map.of(visible.name(), visible.percentiles(), put.name(), put.percentiles()),
                window.serverCpuMillis(), window.clientCpuMillis(), window.loadAverage());
    }
}
