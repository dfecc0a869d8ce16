package io.wharf.bench.sqs;

import io.wharf.bench.measure.Latency;
import io.wharf.bench.measure.Result;
import io.wharf.bench.measure.Window;
import io.wharf.bench.scenario.Failures;
import io.wharf.bench.scenario.Scenario;
import io.wharf.bench.scenario.ScenarioSettings;
import io.wharf.bench.scenario.Workers;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code sqs-single}: one caller, one message at a time: SendMessage, ReceiveMessage (WaitTimeSeconds 1,
 * so an empty answer can't spin), DeleteMessage; the latency of each call and of the whole cycle. A
 * message counts when its cycle completes.
 */
public final class SqsSingle implements Scenario {

    @Override
    public String name() {
        return "sqs-single";
    }

    @Override
    public Result run(ScenarioSettings settings) throws InterruptedException {
        Window window = new Window(settings.warmup(), settings.duration(), settings.serverPid());
        Latency send = new Latency("send", window);
        Latency receive = new Latency("receive", window);
        Latency delete = new Latency("delete", window);
        Latency cycle = new Latency("cycle", window);
        LongAdder cycles = new LongAdder();
        Failures failures = new Failures();
        Bodies bodies = new Bodies(settings.bodyBytes());
        try (SqsAsyncClient sqs = SqsClients.create(settings.endpoint(), 1);
             BenchQueue queue = BenchQueue.create(sqs, name(), false, settings.queueAttributes())) {
            Workers caller = new Workers();
            caller.start("single", () -> {
                while (!window.stopped()) {
                    try {
                        long start = System.nanoTime();
                        sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody(bodies.stamped(start))).join();
                        send.recordSince(start);
                        long receiveStart = System.nanoTime();
                        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queue.url())
                                .maxNumberOfMessages(1).waitTimeSeconds(1)).join().messages();
                        receive.recordSince(receiveStart);
                        if (messages.isEmpty()) {
                            failures.record("ReceiveMessage came back empty right after a send");
                            continue;
                        }
                        long deleteStart = System.nanoTime();
                        sqs.deleteMessage(b -> b.queueUrl(queue.url())
                                .receiptHandle(messages.getFirst().receiptHandle())).join();
                        delete.recordSince(deleteStart);
                        cycle.recordSince(start);
                        if (window.measuring()) {
                            cycles.increment();
                        }
                    } catch (RuntimeException e) {
                        failures.record(e);
                    }
                }
            });
            window.runToEnd();
            caller.awaitAll(Duration.ofSeconds(10));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("callers", "1");
        parameters.put("bodyBytes", Integer.toString(settings.bodyBytes()));
        Map<String, io.wharf.bench.measure.Percentiles> latencies = new LinkedHashMap<>();
        for (Latency latency : List.of(cycle, send, receive, delete)) {
            latencies.put(latency.name(), latency.percentiles());
        }
        return new Result(name(), settings.target(), parameters, window.measuredSeconds(), cycles.sum(),
                failures.count(), failures.first(), cycle.name(), latencies,
                window.serverCpuMillis(), window.clientCpuMillis(), window.loadAverage());
    }
}
