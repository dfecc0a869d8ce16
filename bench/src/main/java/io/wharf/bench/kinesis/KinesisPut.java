package io.wharf.bench.kinesis;

import io.wharf.bench.measure.Latency;
import io.wharf.bench.measure.Result;
import io.wharf.bench.measure.Window;
import io.wharf.bench.scenario.Failures;
import io.wharf.bench.scenario.Scenario;
import io.wharf.bench.scenario.ScenarioSettings;
import io.wharf.bench.scenario.Workers;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code kinesis-put}: C callers each calling PutRecords (R records of the body size, random partition
 * keys) back to back on a stream of S shards; records/s and MB/s in. A record counts when its entry is
 * acknowledged with a sequence number; a failed entry (partial failure) counts as an error.
 */
public final class KinesisPut implements Scenario {

    @Override
    public String name() {
        return "kinesis-put";
    }

    @Override
    public Result run(ScenarioSettings settings) throws InterruptedException {
        KinesisSettings kinesis = settings.kinesis();
        kinesis.checkPutSize(settings.bodyBytes());
        Window window = new Window(settings.warmup(), settings.duration(), settings.serverPid());
        Latency put = new Latency("put-records", window);
        LongAdder acknowledged = new LongAdder();
        Failures failures = new Failures();
        StampedRecords records = new StampedRecords(settings.bodyBytes(), kinesis.recordsPerPut());
        try (KinesisAsyncClient client = KinesisClients.create(settings.endpoint(), settings.callers(), kinesis.wire());
             BenchStream stream = BenchStream.create(client, name(), kinesis.shards(), kinesis.streamKeyId())) {
            Workers callers = new Workers();
            for (int i = 0; i < settings.callers(); i++) {
                callers.start("putter-" + i, () -> {
                    while (!window.stopped()) {
                        long start = System.nanoTime();
                        try {
                            PutRecordsResponse response = client.putRecords(b -> b.streamName(stream.name())
                                    .records(records.entries(start))).join();
                            put.recordSince(start);
                            int ok = countFailures(response, failures);
                            if (window.measuring()) {
                                acknowledged.add(ok);
                            }
                        } catch (RuntimeException e) {
                            failures.record(e);
                        }
                    }
                });
            }
            window.runToEnd();
            callers.awaitAll(Duration.ofSeconds(10));
        }
        Map<String, String> parameters = KinesisResults.parameters(settings, "callers", settings.callers());
        KinesisResults.putDataRate(parameters, acknowledged.sum(), settings.bodyBytes(), window.measuredSeconds());
        return new Result(name(), settings.target(), parameters, window.measuredSeconds(), acknowledged.sum(),
                failures.count(), failures.first(), put.name(), Map.of(put.name(), put.percentiles()),
                window.serverCpuMillis(), window.clientCpuMillis(), window.loadAverage());
    }

    /** Records each failed entry as an error; answers the acknowledged ones. */
    static int countFailures(PutRecordsResponse response, Failures failures) {
        Integer failed = response.failedRecordCount();
        if (failed == null || failed == 0) {
            return response.records().size();
        }
        for (PutRecordsResultEntry entry : response.records()) {
            if (entry.errorCode() != null) {
                failures.record("PutRecords entry failed: " + entry.errorCode() + ": " + entry.errorMessage());
            }
        }
        return response.records().size() - failed;
    }
}
