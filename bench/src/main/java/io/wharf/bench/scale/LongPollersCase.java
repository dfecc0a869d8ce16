package io.wharf.bench.scale;

import io.wharf.bench.measure.Percentiles;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code long-pollers}: P empty queues, one poller each calling ReceiveMessage with WaitTimeSeconds=20 over and
 * over (so P long polls are waiting at any time, each on its own connection). Heap after a full GC with the
 * empty queues and with the polls waiting (heap per poller); then {@code samples} times a SendMessage to a
 * random queue wakes its poller: wake latency runs from the send's start to the poller's answer.
 */
final class LongPollersCase implements ScaleCase {
    private static final long SETTLE_MILLIS = 3_000;

    @Override
    public String name() {
        return "long-pollers";
    }

    @Override
    public ScaleResult run(ScaleServer server, ScaleOptions options) throws Exception {
        int pollers = options.pollers();
        long baseline = server.usedHeapAfterGc();
        Samples wake = new Samples();
        AtomicLong errors = new AtomicLong();
        AtomicInteger waiting = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        BlockingQueue<Message> woken = new LinkedBlockingQueue<>();
        long withQueues;
        long withPollers;
        int waitingAtMeasure;
        String firstError = null;
        try (SqsAsyncClient control = Sqs.client(server.endpoint(), 4);
             SqsAsyncClient polling = Sqs.client(server.endpoint(), pollers)) {
            List<String> urls = Sqs.createQueues(control, "scale-poll", pollers);
            withQueues = server.usedHeapAfterGc();
            for (String url : urls) {
                poll(polling, url, waiting, stop, woken, errors);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (waiting.get() < pollers && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(SETTLE_MILLIS);
            waitingAtMeasure = waiting.get();
            withPollers = server.usedHeapAfterGc();
            for (int i = 0; i < options.samples(); i++) {
                String url = urls.get(ThreadLocalRandom.current().nextInt(urls.size()));
                long start = System.nanoTime();
                control.sendMessage(b -> b.queueUrl(url).messageBody(Long.toString(start))).join();
                Message message = woken.poll(30, TimeUnit.SECONDS);
                if (message == null) {
                    errors.incrementAndGet();
                    firstError = "no poller woke within 30 s of a send";
                } else {
                    wake.recordNanos(System.nanoTime() - Long.parseLong(message.body()));
                    control.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle())).join();
                }
            }
            stop.set(true);
        }
        Map<String, Long> work = new LinkedHashMap<>();
        work.put("pollers", (long) pollers);
        work.put("queues", (long) pollers);
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        latencies.put("wake (send to poller's answer)", wake.percentiles());
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("polls waiting when measured", Integer.toString(waitingAtMeasure));
        extra.put("heap per empty queue", ScaleResult.perItem(baseline, withQueues, pollers) + " B");
        extra.put("heap per waiting poll (over queues)", ScaleResult.perItem(withQueues, withPollers, pollers) + " B");
        if (firstError != null) {
            extra.put("first error", firstError);
        }
        return new ScaleResult(name(), work, "poller (queue included)", pollers, baseline, withPollers, latencies,
                OptionalLong.empty(), extra, errors.get());
    }

    /** One poller: a long poll; when it answers, hand over what it got and poll again until told to stop. */
    private static void poll(SqsAsyncClient sqs, String url, AtomicInteger waiting, AtomicBoolean stop,
                             BlockingQueue<Message> woken, AtomicLong errors) {
        if (stop.get()) {
            return;
        }
        waiting.incrementAndGet();
        sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20).maxNumberOfMessages(1))
                .whenComplete((response, failure) -> {
                    waiting.decrementAndGet();
                    if (failure != null) {
                        if (!stop.get()) {
                            errors.incrementAndGet();
                        }
                    } else {
                        woken.addAll(response.messages());
                    }
                    poll(sqs, url, waiting, stop, woken, errors);
                });
    }
}
