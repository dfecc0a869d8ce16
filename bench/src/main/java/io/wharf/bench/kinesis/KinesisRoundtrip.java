package io.wharf.bench.kinesis;

import io.wharf.bench.measure.Latency;
import io.wharf.bench.measure.Percentiles;
import io.wharf.bench.measure.Result;
import io.wharf.bench.measure.Window;
import io.wharf.bench.scenario.Failures;
import io.wharf.bench.scenario.Scenario;
import io.wharf.bench.scenario.ScenarioSettings;
import io.wharf.bench.scenario.Workers;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code kinesis-roundtrip}: P producers call PutRecords while one reader per shard polls it with
 * GetRecords (up to {@value #GET_LIMIT} records), following NextShardIterator from TRIM_HORIZON, as a
 * polling KCL worker does; a reader that got nothing waits the poll idle time before asking again. A
 * record counts when a reader gets it; its put-to-receive latency comes from the stamp in its data.
 * The {@link Producers} pause while more than the backlog is put and not yet read, so the figure is
 * about flow, not a growing pile; with a rate they take turns on a shared schedule of one put every
 * {@code records per put / rate} seconds and stamp the records with the moment the put was due.
 */
public final class KinesisRoundtrip implements Scenario {
    static final int GET_LIMIT = 10_000;

    @Override
    public String name() {
        return "kinesis-roundtrip";
    }

    @Override
    public Result run(ScenarioSettings settings) throws InterruptedException {
        KinesisSettings kinesis = settings.kinesis();
        kinesis.checkPutSize(settings.bodyBytes());
        Window window = new Window(settings.warmup(), settings.duration(), settings.serverPid());
        Latency endToEnd = new Latency("put-to-receive", window);
        Latency put = new Latency("put-records", window);
        Latency get = new Latency("get-records", window);
        LongAdder received = new LongAdder();
        LongAdder emptyPolls = new LongAdder();
        Failures failures = new Failures();
        StampedRecords records = new StampedRecords(settings.bodyBytes(), kinesis.recordsPerPut());
        int callers = settings.producers() + kinesis.shards();
        Map<String, String> schedule = Map.of();
        try (KinesisAsyncClient client = KinesisClients.create(settings.endpoint(), callers, kinesis.wire());
             BenchStream stream = BenchStream.create(client, name(), kinesis.shards(), kinesis.streamKeyId())) {
            Workers workers = new Workers();
            Producers producers = new Producers(client, stream, records, kinesis.backlogRecords(),
                    settings.ratePerSecond(), kinesis.recordsPerPut(), window, put, failures);
            for (String shardId : stream.shardIds()) {
                String first = stream.firstIterator(shardId); // before any put: every record is read
                workers.start("reader-" + shardId, () -> {
                    ShardReader reader = new ShardReader(stream, shardId, first);
                    while (!window.stopped()) {
                        try {
                            long start = System.nanoTime();
                            GetRecordsResponse response = reader.next(client);
                            long now = System.nanoTime();
                            List<Record> batch = response.records();
                            if (batch.isEmpty()) {
                                emptyPolls.increment();
                                idle(kinesis.pollIdleMillis(), window);
                                continue;
                            }
                            get.recordNanos(now - start);
                            for (Record record : batch) {
                                long stamp = StampedRecords.stampOf(record.data());
                                if (stamp != StampedRecords.NO_STAMP) {
                                    endToEnd.recordNanos(now - stamp);
                                }
                            }
                            producers.read(batch.size());
                            if (window.measuring()) {
                                received.add(batch.size());
                            }
                        } catch (RuntimeException e) {
                            failures.record(e);
                            reader.recover(e);
                        }
                    }
                });
            }
            producers.start(workers, settings.producers());
            window.runToEnd();
            schedule = producers.scheduleFigures();
            workers.awaitAll(Duration.ofSeconds(10));
        }
        Map<String, String> parameters = KinesisResults.parameters(settings, "producers", settings.producers());
        parameters.put("readers", Integer.toString(kinesis.shards()) + " (one per shard, GetRecords)");
        parameters.put("pollIdleMillis", Integer.toString(kinesis.pollIdleMillis()));
        parameters.put("backlogRecords", Integer.toString(kinesis.backlogRecords()));
        parameters.put("rate", settings.ratePerSecond() > 0 ? Integer.toString(settings.ratePerSecond()) : "full");
        parameters.putAll(schedule);
        parameters.put("emptyPolls", Long.toString(emptyPolls.sum()));
        KinesisResults.putDataRate(parameters, received.sum(), settings.bodyBytes(), window.measuredSeconds());
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        for (Latency latency : List.of(endToEnd, put, get)) {
            latencies.put(latency.name(), latency.percentiles());
        }
        return new Result(name(), settings.target(), parameters, window.measuredSeconds(), received.sum(),
                failures.count(), failures.first(), endToEnd.name(), latencies,
                window.serverCpuMillis(), window.clientCpuMillis(), window.loadAverage());
    }

    private static void idle(int millis, Window window) {
        if (millis > 0 && !window.stopped()) {
            LockSupport.parkNanos(millis * 1_000_000L);
        }
    }
}
