package io.wharf.bench.firehose;

import io.wharf.bench.kinesis.KinesisResults;
import io.wharf.bench.measure.Latency;
import io.wharf.bench.measure.Result;
import io.wharf.bench.measure.Window;
import io.wharf.bench.s3.S3Clients;
import io.wharf.bench.scenario.Failures;
import io.wharf.bench.scenario.Scenario;
import io.wharf.bench.scenario.ScenarioSettings;
import io.wharf.bench.scenario.Workers;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code firehose-put}: C callers each calling PutRecordBatch (R records of the body size) back to back on a DirectPut
 * delivery stream into a fresh bucket; records/s (the msgs/s column) and MB/s in. A record counts when its entry is
 * acknowledged with a RecordId; a failed entry (partial failure) counts as an error. What reaches the bucket is
 * firehose-latency's business.
 */
public final class FirehosePut implements Scenario {

    @Override
    public String name() {
        return "firehose-put";
    }

    @Override
    public Result run(ScenarioSettings settings) throws InterruptedException {
        FirehoseSettings firehose = settings.firehose();
        firehose.checkBatchSize(settings.bodyBytes());
        Window window = new Window(settings.warmup(), settings.duration(), settings.serverPid());
        Latency put = new Latency("put-record-batch", window);
        LongAdder acknowledged = new LongAdder();
        Failures failures = new Failures();
        try (FirehoseAsyncClient client = FirehoseClients.create(settings.endpoint(), settings.callers());
             S3AsyncClient s3 = S3Clients.create(settings.endpoint(), 2, settings.s3().expectContinue());
             BenchDeliveryStream stream = BenchDeliveryStream.create(client, s3, name(), firehose)) {
            Workers callers = new Workers();
            for (int i = 0; i < settings.callers(); i++) {
                callers.start("putter-" + i, () -> {
                    while (!window.stopped()) {
                        long start = System.nanoTime();
                        List<Record> records = new ArrayList<>(firehose.recordsPerBatch());
                        for (int r = 0; r < firehose.recordsPerBatch(); r++) {
                            records.add(Record.builder().data(SdkBytes.fromByteArrayUnsafe(
                                    StampedRecord.of(settings.bodyBytes(), start))).build());
                        }
                        try {
                            PutRecordBatchResponse response = client.putRecordBatch(b -> b
                                    .deliveryStreamName(stream.name()).records(records)).join();
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
            callers.awaitAll(Duration.ofSeconds(30));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("callers", Integer.toString(settings.callers()));
        parameters.put("recordsPerBatch", Integer.toString(firehose.recordsPerBatch()));
        parameters.put("recordBytes", Integer.toString(settings.bodyBytes()));
        parameters.put("bufferIntervalSeconds", Integer.toString(firehose.bufferIntervalSeconds()));
        parameters.put(KinesisResults.DATA_RATE, String.format(Locale.ROOT, "%.2f", window.measuredSeconds() > 0
                ? acknowledged.sum() * (double) settings.bodyBytes() / 1e6 / window.measuredSeconds() : 0));
        return new Result(name(), settings.target(), parameters, window.measuredSeconds(), acknowledged.sum(),
                failures.count(), failures.first(), put.name(), Map.of(put.name(), put.percentiles()),
                window.serverCpuMillis(), window.clientCpuMillis(), window.loadAverage());
    }

    /** Records each failed entry as an error; answers the acknowledged ones. */
    static int countFailures(PutRecordBatchResponse response, Failures failures) {
        Integer failed = response.failedPutCount();
        if (failed == null || failed == 0) {
            return response.requestResponses().size();
        }
        for (PutRecordBatchResponseEntry entry : response.requestResponses()) {
            if (entry.errorCode() != null) {
                failures.record("PutRecordBatch entry failed: " + entry.errorCode() + ": " + entry.errorMessage());
            }
        }
        return response.requestResponses().size() - failed;
    }
}
