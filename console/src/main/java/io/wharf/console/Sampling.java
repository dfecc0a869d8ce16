package io.wharf.console;

import io.wharf.kinesis.engine.StreamStats;
import io.wharf.sns.engine.DeliveryCounters;
import io.wharf.sqs.engine.QueueStats;
import io.wharf.sqs.engine.QueueThroughput;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the engines' statistics every {@link #INTERVAL_SECONDS} seconds into a {@link Sampler}: queues' depths
 * (visible, in flight, delayed) and their counters (sent, received, deleted), topics' counters (published, delivered, failed) and streams' counters (records in,
 * records out, bytes in, bytes out). Six minutes of samples per resource, for at most {@link #MAX_SERIES} resources.
 */
final class Sampling implements AutoCloseable {
    static final int INTERVAL_SECONDS = 5;
    static final int SAMPLES = 72;
    static final int MAX_SERIES = 2000;

    private final ConsoleSources sources;
    private final Clock clock;
    private final Sampler sampler = new Sampler(SAMPLES, MAX_SERIES);
    private ScheduledExecutorService timer;

    Sampling(ConsoleSources sources) {
        this.sources = sources;
        this.clock = sources.clock();
    }

    static String queueKey(String arn) {
        return "queue " + arn;
    }

    static String queueRatesKey(String arn) {
        return "queue-rates " + arn;
    }

    static String topicKey(String arn) {
        return "topic " + arn;
    }

    static String streamKey(String arn) {
        return "stream " + arn;
    }

    Sampler sampler() {
        return sampler;
    }

    /** Samples now and then every interval, on a virtual thread. */
    Sampling start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("wharf-console-sampler").factory());
        timer.scheduleAtFixedRate(this::sampleQuietly, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Sampling.class).debug("console sampling failed: {}", e.toString());
        }
    }

    /** One round over every queue, topic and stream. */
    void sample() {
        long now = clock.millis();
        Set<String> seen = new HashSet<>();
        for (QueueStats q : sources.sqs().engine().queueStats()) {
            String key = queueKey(q.id().arn());
            seen.add(key);
            sampler.record(key, now, q.visible(), q.inFlight(), q.delayed());
        }
        for (QueueThroughput q : sources.sqs().engine().queueThroughput()) {
            String key = queueRatesKey(q.id().arn());
            seen.add(key);
            sampler.record(key, now, q.sent(), q.received(), q.deleted());
        }
        for (DeliveryCounters.TopicStats t : sources.sns().engine().topicStats()) {
            String key = topicKey(t.topicArn());
            seen.add(key);
            sampler.record(key, now, t.published(), sum(t.delivered().values()), sum(t.failed().values()));
        }
        for (StreamStats s : sources.kinesis().engine().streamStats()) {
            String key = streamKey(s.ref().arn());
            seen.add(key);
            sampler.record(key, now, s.incomingRecords(), s.outgoingRecords(), s.incomingBytes(), s.outgoingBytes());
        }
        sampler.retain(seen);
    }

    private static long sum(Iterable<Long> values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
