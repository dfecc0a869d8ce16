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
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code s3-get}: N objects of the chosen size are put into a fresh bucket first; then C callers each get them in turn
 * back to back (GetObject, the bytes received and counted, not kept); objects/s (the msgs/s column), MB/s and the get
 * latency (to the last byte). A get counts when exactly the object's size arrived.
 */
public final class S3Get implements Scenario {

    @Override
    public String name() {
        return "s3-get";
    }

    @Override
    public Result run(ScenarioSettings settings) throws InterruptedException {
        S3Settings s3 = settings.s3();
        Window window = new Window(settings.warmup(), settings.duration(), settings.serverPid());
        Latency get = new Latency("get-object", window);
        LongAdder received = new LongAdder();
        Failures failures = new Failures();
        try (S3AsyncClient client = S3Clients.create(settings.endpoint(), settings.callers(), s3.expectContinue());
             BenchBucket bucket = BenchBucket.create(client, name())) {
            byte[] payload = S3Put.payload(s3.objectBytes());
            for (int i = 0; i < s3.objects(); i++) {
                String key = "object-" + i;
                client.putObject(b -> b.bucket(bucket.name()).key(key), AsyncRequestBody.fromBytesUnsafe(payload)).join();
            }
            Workers callers = new Workers();
            for (int i = 0; i < settings.callers(); i++) {
                int caller = i;
                callers.start("getter-" + i, () -> {
                    for (long n = caller; !window.stopped(); n += settings.callers()) {
                        String key = "object-" + (n % s3.objects());
                        long start = System.nanoTime();
                        try {
                            long bytes = client.getObject(b -> b.bucket(bucket.name()).key(key),
                                    new CountingTransformer()).join();
                            get.recordSince(start);
                            if (bytes != s3.objectBytes()) {
                                failures.record("GetObject gave " + bytes + " bytes of " + s3.objectBytes());
                            } else if (window.measuring()) {
                                received.increment();
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
                S3Results.parameters(settings, received.sum(), window.measuredSeconds()), window.measuredSeconds(),
                received.sum(), failures.count(), failures.first(), get.name(), Map.of(get.name(), get.percentiles()),
                window.serverCpuMillis(), window.clientCpuMillis(), window.loadAverage());
    }
}
