package io.wharf.bench.sqs;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** A fresh standard queue for one run, deleted afterwards so runs don't see each other's messages. */
final class BenchQueue implements AutoCloseable {
    private final SqsAsyncClient sqs;
    private final String url;

    private BenchQueue(SqsAsyncClient sqs, String url) {
        this.sqs = sqs;
        this.url = url;
    }

    static BenchQueue create(SqsAsyncClient sqs, String scenario) {
        return create(sqs, scenario, false);
    }

    static BenchQueue create(SqsAsyncClient sqs, String scenario, boolean fifo) {
        return create(sqs, scenario, fifo, java.util.Map.of());
    }

    /** With {@code attributes} (--queue-attribute) besides FifoQueue. */
    static BenchQueue create(SqsAsyncClient sqs, String scenario, boolean fifo, java.util.Map<String, String> attributes) {
        String name = "wharf-bench-" + scenario + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16)
                + (fifo ? ".fifo" : "");
        String url = sqs.createQueue(b -> {
            b.queueName(name);
            java.util.Map<String, String> all = new java.util.HashMap<>(attributes);
            if (fifo) {
                all.put("FifoQueue", "true");
            }
            if (!all.isEmpty()) {
                b.attributesWithStrings(all);
            }
        }).join().queueUrl();
        return new BenchQueue(sqs, url);
    }

    String url() {
        return url;
    }

    /** Best effort: a run's result doesn't depend on the clean-up. */
    @Override
    public void close() {
        try {
            sqs.deleteQueue(b -> b.queueUrl(url)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("wharf-bench: could not delete " + url + ": " + e);
        }
    }
}
