package io.wharf.bench.scale;

import io.wharf.bench.kinesis.KinesisClients;
import io.wharf.bench.kinesis.KinesisWire;
import io.wharf.bench.measure.Percentiles;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code records}: one stream of one shard holding {@code --records} records of {@code --body-bytes}, put by
 * PutRecords of 500 with {@code --senders} calls in flight. Heap after a full GC before and with them: what a retained
 * record costs in memory (the shard's arrival index). Then {@code samples} times a GetShardIterator AT_TIMESTAMP at a
 * random time within the fill (a search of the arrival index, mostly in its part the store holds) and a GetRecords of
 * one record on that iterator; the record must have arrived at or after the time asked. Then the server is killed and
 * started again (recovery reads every retained record's arrival): the restart runs until a GetRecords from
 * TRIM_HORIZON answers, and the AT_TIMESTAMP samples are taken again.
 */
final class RecordsCase implements ScaleCase {
    private static final int BATCH = 500;
    private static final String STREAM = "scale-records";
    private static final String SHARD = "shardId-000000000000";

    @Override
    public String name() {
        return "records";
    }

    @Override
    public ScaleResult run(ScaleServer server, ScaleOptions options) throws Exception {
        long records = options.records();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        Map<String, String> extra = new LinkedHashMap<>();
        long baseline = server.usedHeapAfterGc();
        long withRecords;
        long fillStart;
        long fillEnd;
        long lastSent = 0;
        AtomicLong put = new AtomicLong();
        try (KinesisAsyncClient kinesis = KinesisClients.create(server.endpoint(), options.senders() + 2,
                KinesisWire.JSON)) {
            kinesis.createStream(b -> b.streamName(STREAM).shardCount(1)).join();
            ShardsCase.awaitActive(kinesis, STREAM);
            byte[] body = new byte[options.bodyBytes()];
            List<PutRecordsRequestEntry> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                batch.add(PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromByteArray(body))
                        .build());
            }
            Semaphore inFlight = new Semaphore(options.senders());
            fillStart = System.currentTimeMillis();
            long fillNanos = System.nanoTime();
            for (long sent = 0; sent < records; sent += BATCH) {
                List<PutRecordsRequestEntry> entries = batch.subList(0, (int) Math.min(BATCH, records - sent));
                inFlight.acquire();
                lastSent = System.currentTimeMillis();
                kinesis.putRecords(b -> b.streamName(STREAM).records(entries)).whenComplete((response, failure) -> {
                    inFlight.release();
                    if (failure != null || response.failedRecordCount() > 0) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, "PutRecords: " + (failure != null ? failure
                                : response.failedRecordCount() + " records failed"));
                    } else {
                        put.addAndGet(entries.size());
                    }
                });
            }
            inFlight.acquire(options.senders());
            fillEnd = lastSent; // the last batch arrived after it: every time up to it has a record at or after it
            extra.put("fill", String.format(Locale.ROOT, "%.0f records/s",
                    put.get() * 1e9 / (System.nanoTime() - fillNanos)));
            withRecords = server.usedHeapAfterGc();
            latencies.putAll(sampleSearches(kinesis, options.samples(), fillStart, fillEnd, "", errors, firstError));
        }
        extra.put("heap per 1,000 records", String.format(Locale.ROOT, "%.3f B",
                Math.max(0, withRecords - baseline) * 1000.0 / Math.max(1, put.get())));
        OptionalLong restart = OptionalLong.empty();
        if (server.canRestart()) {
            long start = System.nanoTime();
            server.killAndRestart();
            long listening = System.nanoTime();
            try (KinesisAsyncClient kinesis = KinesisClients.create(server.endpoint(), 2, KinesisWire.JSON)) {
                while (readOne(kinesis, kinesis.getShardIterator(b -> b.streamName(STREAM).shardId(SHARD)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).join().shardIterator()) == null) {
                    if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(30)) {
                        throw new IllegalStateException("no record read within 30 min of the restart");
                    }
                    Thread.sleep(100);
                }
                restart = OptionalLong.of((System.nanoTime() - start) / 1_000_000);
                extra.put("restart: until listening", (listening - start) / 1_000_000 + " ms");
                extra.put("heap after restart", ScaleResult.mib(server.usedHeapAfterGc()));
                latencies.putAll(sampleSearches(kinesis, options.samples(), fillStart, fillEnd, " after restart",
                        errors, firstError));
            }
        } else {
            extra.put("restart", "not measured (the server is not a process this tool started)");
        }
        if (firstError.get() != null) {
            extra.put("first error", firstError.get());
        }
        Map<String, Long> work = new LinkedHashMap<>();
        work.put("records", records);
        work.put("bodyBytes", (long) options.bodyBytes());
        return new ScaleResult(name(), work, "record", put.get(), baseline, withRecords, latencies, restart, extra,
                errors.get());
    }

    /** AT_TIMESTAMP iterators at random times within the fill, then one record read on each. */
    private static Map<String, Percentiles> sampleSearches(KinesisAsyncClient kinesis, int samples, long from, long to,
                                                           String suffix, AtomicLong errors,
                                                           AtomicReference<String> firstError) {
        Samples search = new Samples();
        Samples read = new Samples();
        SplittableRandom random = new SplittableRandom(samples);
        for (int i = 0; i < samples; i++) {
            Instant at = Instant.ofEpochMilli(from + random.nextLong(Math.max(1, to - from)));
            long start = System.nanoTime();
            String iterator = kinesis.getShardIterator(b -> b.streamName(STREAM).shardId(SHARD)
                    .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(at)).join().shardIterator();
            search.recordSince(start);
            start = System.nanoTime();
            Instant arrived = readOne(kinesis, iterator);
            read.recordSince(start);
            if (arrived == null || arrived.isBefore(at)) {
                errors.incrementAndGet();
                firstError.compareAndSet(null, "AT_TIMESTAMP " + at + " read " + (arrived == null ? "nothing"
                        : "a record that arrived at " + arrived));
            }
        }
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        latencies.put("at-timestamp" + suffix, search.percentiles());
        latencies.put("first-record" + suffix, read.percentiles());
        return latencies;
    }

    /** The arrival of the first record GetRecords returns on {@code iterator}; null when none. */
    private static Instant readOne(KinesisAsyncClient kinesis, String iterator) {
        GetRecordsResponse page = kinesis.getRecords(b -> b.shardIterator(iterator).limit(1)).join();
        return page.records().isEmpty() ? null : page.records().get(0).approximateArrivalTimestamp();
    }
}
