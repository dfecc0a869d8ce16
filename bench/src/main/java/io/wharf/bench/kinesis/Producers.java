package io.wharf.bench.kinesis;

import io.wharf.bench.measure.Latency;
import io.wharf.bench.measure.Window;
import io.wharf.bench.scenario.Failures;
import io.wharf.bench.scenario.Pacing;
import io.wharf.bench.scenario.Workers;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The producers of the roundtrip scenarios: each calls PutRecords in a loop, at full speed or on a shared
 * schedule, pausing while more than the backlog is put and not yet read (the readers report what they
 * read), so a run measures flow rather than a growing pile. Records are stamped with the moment their put
 * started, or at a fixed rate with the moment it was due.
 */
final class Producers {
    private static final long BACKLOG_PAUSE_NANOS = 100_000;

    private final AtomicLong put = new AtomicLong();
    private final AtomicLong read = new AtomicLong();
    private final KinesisAsyncClient client;
    private final BenchStream stream;
    private final StampedRecords records;
    private final int backlogRecords;
    private final Pacing pacing;
    private final Window window;
    private final Latency putLatency;
    private final Failures failures;

    Producers(KinesisAsyncClient client, BenchStream stream, StampedRecords records, int backlogRecords,
              int ratePerSecond, int recordsPerPut, Window window, Latency putLatency, Failures failures) {
        this.client = client;
        this.stream = stream;
        this.records = records;
        this.backlogRecords = backlogRecords;
        this.pacing = new Pacing(ratePerSecond, recordsPerPut);
        this.window = window;
        this.putLatency = putLatency;
        this.failures = failures;
    }

    /** The schedule's figures for the result's parameters ({@link Pacing#figures}); empty at full speed. */
    java.util.Map<String, String> scheduleFigures() {
        return pacing.figures(window);
    }

    /** Readers call this with every batch they get, so producers know the backlog. */
    void read(int count) {
        read.addAndGet(count);
    }

    void start(Workers workers, int producers) {
        for (int i = 0; i < producers; i++) {
            workers.start("producer-" + i, this::produce);
        }
    }

    private void produce() {
        while (!window.stopped()) {
            long due = pacing.awaitNextTick(window);
            while (put.get() - read.get() > backlogRecords && !window.stopped()) {
                LockSupport.parkNanos(BACKLOG_PAUSE_NANOS);
            }
            if (window.stopped()) {
                return;
            }
            long start = System.nanoTime();
            try {
                int ok = KinesisPut.countFailures(client.putRecords(b -> b.streamName(stream.name())
                        .records(records.entries(pacing.fixedRate() ? due : start))).join(), failures);
                putLatency.recordSince(start);
                put.addAndGet(ok);
            } catch (RuntimeException e) {
                failures.record(e);
            }
        }
    }
}
