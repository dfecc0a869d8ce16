package io.wharf.bench.sqs;

import io.wharf.bench.measure.Latency;
import io.wharf.bench.measure.Result;
import io.wharf.bench.measure.Window;
import io.wharf.bench.scenario.Failures;
import io.wharf.bench.scenario.Scenario;
import io.wharf.bench.scenario.ScenarioSettings;
import io.wharf.bench.scenario.Workers;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** {@code sqs-send}: C callers each sending SendMessageBatch of 10 bodies back to back; messages/s in. */
public final class SqsSend implements Scenario {
    static final int BATCH = 10;

    @Override
    public String name() {
        return "sqs-send";
    }

    @Override
    public Result run(ScenarioSettings settings) throws InterruptedException {
        Window window = new Window(settings.warmup(), settings.duration(), settings.serverPid());
        Latency sendBatch = new Latency("send-batch", window);
        LongAdder sent = new LongAdder();
        Failures failures = new Failures();
        Bodies bodies = new Bodies(settings.bodyBytes());
        try (SqsAsyncClient sqs = SqsClients.create(settings.endpoint(), settings.callers());
             BenchQueue queue = BenchQueue.create(sqs, name(), false, settings.queueAttributes())) {
            Workers callers = new Workers();
            for (int i = 0; i < settings.callers(); i++) {
                callers.start("sender-" + i, () -> {
                    while (!window.stopped()) {
                        long start = System.nanoTime();
                        try {
                            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b
                                    .queueUrl(queue.url()).entries(entries(bodies, start))).join();
                            sendBatch.recordSince(start);
                            if (!response.failed().isEmpty()) {
                                failures.record("SendMessageBatch entry failed: " + response.failed().getFirst());
                            }
                            if (window.measuring()) {
                                sent.add(response.successful().size());
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
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("callers", Integer.toString(settings.callers()));
        parameters.put("batch", Integer.toString(BATCH));
        parameters.put("bodyBytes", Integer.toString(settings.bodyBytes()));
        return new Result(name(), settings.target(), parameters, window.measuredSeconds(), sent.sum(),
                failures.count(), failures.first(), sendBatch.name(),
                Map.of(sendBatch.name(), sendBatch.percentiles()),
                window.serverCpuMillis(), window.clientCpuMillis(), window.loadAverage());
    }

    static List<SendMessageBatchRequestEntry> entries(Bodies bodies, long stampNanos) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(BATCH);
        String body = bodies.stamped(stampNanos);
        for (int i = 0; i < BATCH; i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(body).build());
        }
        return entries;
    }
}
