package io.wharf.bench.scale;

import io.wharf.bench.measure.Percentiles;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code backlog}: one standard queue filled with N messages by SendMessageBatch calls from several senders in
 * flight at once. Heap after a full GC before and with the backlog (heap per message); ReceiveMessage latency
 * with the backlog in place; then the server is killed and started on the same data directory: the restart
 * time runs from the start of the new process until it listens and a ReceiveMessage returns a message
 * (the message index rebuilt), and the heap after the restart is measured again.
 *
 * <p>With {@code --delay-seconds}, every message is sent delayed: the heap is then that of a backlog of delayed
 * messages, no receive is sampled (nothing is visible), and the restart ends when the queue answers
 * GetQueueAttributes with every message counted as delayed.
 *
 * <p>With {@code --fifo}, the queue is a FIFO queue and its messages are spread over {@value Fill#GROUPS} groups; each
 * sampled receive deletes its message, so its group does not stay in flight. Both together: the FIFO queue's own
 * DelaySeconds delays every message.
 */
final class BacklogCase implements ScaleCase {
    private static final String FIFO_QUEUE = "scale-backlog-0.fifo";
    @Override
    public String name() {
        return "backlog";
    }

    @Override
    public ScaleResult run(ScaleServer server, ScaleOptions options) throws Exception {
        long baseline = server.usedHeapAfterGc();
        Fill fill = new Fill();
        Samples receive = new Samples();
        long receiveErrors = 0;
        long withBacklog;
        String url;
        long fillMillis;
        try (SqsAsyncClient sqs = Sqs.client(server.endpoint(), options.senders())) {
            url = options.fifo()
                    ? sqs.createQueue(b -> b.queueName(FIFO_QUEUE).attributesWithStrings(Map.of("FifoQueue", "true",
                            "DelaySeconds", Integer.toString(options.delaySeconds())))).join().queueUrl()
                    : Sqs.createQueues(sqs, "scale-backlog", 1).getFirst();
            long start = System.nanoTime();
            fill.fill(sqs, List.of(url), options.backlog(), options.senders(), Sqs.body(options.bodyBytes()),
                    options.delaySeconds(), options.fifo(), Math.max(100_000, options.backlog() / 20));
            fillMillis = (System.nanoTime() - start) / 1_000_000;
            withBacklog = server.usedHeapAfterGc();
            for (int i = 0; options.delaySeconds() == 0 && i < options.samples(); i++) {
                long begin = System.nanoTime();
                try {
                    var got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1)).join().messages();
                    if (got.isEmpty()) {
                        receiveErrors++;
                    } else {
                        receive.recordSince(begin);
                        if (options.fifo()) {
                            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(got.getFirst().receiptHandle()))
                                    .join();
                        }
                    }
                } catch (RuntimeException e) {
                    receiveErrors++;
                }
            }
        }
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("fill time", fillMillis + " ms");
        extra.put("fill rate", fillMillis == 0 ? "-" : (fill.sent.get() * 1000 / fillMillis) + " messages/s");
        OptionalLong restartMillis = OptionalLong.empty();
        if (server.canRestart()) {
            String name = options.fifo() ? FIFO_QUEUE : "scale-backlog-0";
            restartMillis = OptionalLong.of(options.delaySeconds() > 0
                    ? Sqs.restartUntilCounted(server, name, fill.sent.get(), extra)
                    : Sqs.restartUntilReceived(server, name, extra));
        } else {
            extra.put("restart", "not measured (the server is not a process this tool started)");
        }
        if (fill.firstError.get() != null) {
            extra.put("first error", fill.firstError.get());
        }
        Map<String, Long> work = new LinkedHashMap<>();
        work.put("messages", options.backlog());
        work.put("senders", (long) options.senders());
        work.put("bodyBytes", (long) options.bodyBytes());
        work.put("delaySeconds", (long) options.delaySeconds());
        work.put("fifo", options.fifo() ? 1L : 0L);
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        if (options.delaySeconds() == 0) {
            latencies.put("receive", receive.percentiles());
        }
        latencies.put("send-batch (fill)", fill.batchLatency.percentiles());
        return new ScaleResult(name(), work, "message", fill.sent.get(), baseline, withBacklog, latencies,
                restartMillis, extra, fill.errors.get() + receiveErrors);
    }
}
