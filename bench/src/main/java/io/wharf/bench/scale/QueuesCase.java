package io.wharf.bench.scale;

import io.wharf.bench.measure.Percentiles;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code queues}: Q standard queues, M messages each (SendMessageBatch). Heap after a full GC before, with the
 * empty queues (heap per queue), and with the messages (heap per message, the item); then ReceiveMessage
 * latency on random queues with all of it in place, and the SendMessageBatch latency of the fill; then (when this
 * tool started the server) SIGKILL, a start on the same data directory timed until it listens and a receive on a
 * random queue answers, and the heap after the restart.
 */
final class QueuesCase implements ScaleCase {
    @Override
    public String name() {
        return "queues";
    }

    @Override
    public ScaleResult run(ScaleServer server, ScaleOptions options) throws Exception {
        long baseline = server.usedHeapAfterGc();
        Fill fill = new Fill();
        Samples receive = new Samples();
        long receiveErrors = 0;
        long withQueues;
        long withMessages;
        try (SqsAsyncClient sqs = Sqs.client(server.endpoint(), options.senders())) {
            List<String> urls = Sqs.createQueues(sqs, "scale-q", options.queues());
            withQueues = server.usedHeapAfterGc();
            long total = (long) options.queues() * options.messages();
            fill.fill(sqs, urls, options.messages(), options.senders(), Sqs.body(options.bodyBytes()),
                    Math.max(100_000, total / 10));
            withMessages = server.usedHeapAfterGc();
            for (int i = 0; i < options.samples(); i++) {
                String url = urls.get(ThreadLocalRandom.current().nextInt(urls.size()));
                long start = System.nanoTime();
                try {
                    if (sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1)).join().messages().isEmpty()) {
                        receiveErrors++;
                    } else {
                        receive.recordSince(start);
                    }
                } catch (RuntimeException e) {
                    receiveErrors++;
                }
            }
        }
        Map<String, String> extra = new LinkedHashMap<>();
        OptionalLong restartMillis = OptionalLong.empty();
        if (server.canRestart()) {
            String queue = "scale-q-" + ThreadLocalRandom.current().nextInt(options.queues());
            restartMillis = OptionalLong.of(Sqs.restartUntilReceived(server, queue, extra));
        }
        Map<String, Long> work = new LinkedHashMap<>();
        work.put("queues", (long) options.queues());
        work.put("messagesPerQueue", (long) options.messages());
        work.put("bodyBytes", (long) options.bodyBytes());
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        latencies.put("receive", receive.percentiles());
        latencies.put("send-batch (fill)", fill.batchLatency.percentiles());
        extra.put("heap with empty queues", ScaleResult.mib(withQueues));
        extra.put("heap per queue", ScaleResult.perItem(baseline, withQueues, options.queues()) + " B");
        extra.put("heap per message (over queues)", ScaleResult.perItem(withQueues, withMessages, fill.sent.get()) + " B");
        if (fill.firstError.get() != null) {
            extra.put("first error", fill.firstError.get());
        }
        return new ScaleResult(name(), work, "message", fill.sent.get(), baseline, withMessages, latencies,
                restartMillis, extra, fill.errors.get() + receiveErrors);
    }
}
