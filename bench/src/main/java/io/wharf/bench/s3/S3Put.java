package io.wharf.bench.s3;

import io.wharf.bench.measure.Latency;
import io.wharf.bench.measure.Result;
import io.wharf.bench.measure.Window;
import io.wharf.bench.scenario.Failures;
import io.wharf.bench.scenario.Scenario;
import io.wharf.bench.scenario.ScenarioSettings;
import io.wharf.bench.scenario.Workers;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code s3-put}: C callers each putting objects of the chosen size back to back (PutObject with the SDK's default
 * checksum), cycling over N keys of a fresh bucket; objects/s (the msgs/s column), MB/s and the put latency. A put
 * counts when it is answered with an ETag.
 */
public final class S3Put implements Scenario {

    @Override
    public String name() {
        return "s3-put";
    }

    @Override
    public Result run(ScenarioSettings settings) throws InterruptedException {
        S3Settings s3 = settings.s3();
        Window window = new Window(settings.warmup(), settings.duration(), settings.serverPid());
        Latency put = new Latency("put-object", window);
        LongAdder stored = new LongAdder();
        Failures failures = new Failures();
        byte[] payload = payload(s3.objectBytes());
        try (S3AsyncClient client = S3Clients.create(settings.endpoint(), settings.callers(), s3.expectContinue());
             BenchBucket bucket = BenchBucket.create(client, name())) {
            Workers callers = new Workers();
            for (int i = 0; i < settings.callers(); i++) {
                int caller = i;
                callers.start("putter-" + i, () -> {
                    for (long n = caller; !window.stopped(); n += settings.callers()) {
                        String key = "object-" + (n % s3.objects());
                        long start = System.nanoTime();
                        try {
                            String etag = client.putObject(b -> b.bucket(bucket.name()).key(key),
                                    AsyncRequestBody.fromBytesUnsafe(payload)).join().eTag();
                            put.recordSince(start);
                            if (etag == null) {
                                failures.record("PutObject answered no ETag");
                            } else if (window.measuring()) {
                                stored.increment();
                            }
                        } catch (RuntimeException e) {
                            failures.record(e);
                        }
                    }
                });
            }
            window.runToEnd();
            callers.awaitAll(Duration.ofMinutes(5));
        }
        return new Result(name(), settings.target(),
                S3Results.parameters(settings, stored.sum(), window.measuredSeconds()), window.measuredSeconds(),
                stored.sum(), failures.count(), failures.first(), put.name(), Map.of(put.name(), put.percentiles()),
                window.serverCpuMillis(), window.clientCpuMillis(), window.loadAverage());
    }

    /** Random bytes (nothing a server could compress or deduplicate), the same for every put of a run. */
    static byte[] payload(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
