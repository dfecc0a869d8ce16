package io.wharf.server.awsmetrics;

import io.wharf.cloudwatch.engine.Datum;
import io.wharf.cloudwatch.engine.MetricsEngine;
import io.wharf.firehose.engine.FirehoseEngine;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.AwsException;
import io.wharf.sns.engine.SnsEngine;
import io.wharf.sqs.engine.SqsEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the services' own metrics into CloudWatch every {@code interval} (default one minute), as AWS does: each
 * {@link MetricSource} reads its engine and the datapoints go into the CloudWatch engine under {@code AWS/*}, per
 * account and region, at one-minute resolution, stamped with the time of the tick (CloudWatch files them in that
 * minute). Ticks come {@link #LEAD_MILLIS} before each boundary of the interval, so a minute's data is stored before
 * the alarms evaluate that minute right after it ends. Each kind of resource (queues, topics, streams, shards, delivery
 * streams) publishes for at most {@code cap} resources — the Prometheus guard's cap; the rest publish nothing. A full
 * CloudWatch engine refuses the interval's data (logged, at most once every ten minutes); nothing else is lost.
 */
public final class AwsMetricsPublisher implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    static final long LEAD_MILLIS = 500;
    private static final long WARN_EVERY_MILLIS = 600_000;
    private static final Logger log = LoggerFactory.getLogger(AwsMetricsPublisher.class);

    private final MetricsEngine cloudWatch;
    private final Clock clock;
    private final long intervalMillis;
    private final List<MetricSource> sources;
    private ScheduledExecutorService ticker;
    private long lastWarnMillis = Long.MIN_VALUE / 2;
    /** One interval at a time: the sources' running-total bookkeeping is not thread-safe. */
    private final Object publishing = new Object();

    AwsMetricsPublisher(MetricsEngine cloudWatch, Clock clock, Duration interval, List<MetricSource> sources) {
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(DEFAULT_INTERVAL) > 0) {
            throw new IllegalArgumentException("interval must be 1-60 s: " + interval);
        }
        this.cloudWatch = cloudWatch;
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
        this.sources = List.copyOf(sources);
    }

    /** The publisher of these engines' metrics (not started). */
    public static AwsMetricsPublisher of(MetricsEngine cloudWatch, Clock clock, Duration interval, int cap,
                                         SqsEngine sqs, SnsEngine sns, KinesisEngine kinesis,
                                         FirehoseEngine firehose) {
        return new AwsMetricsPublisher(cloudWatch, clock, interval, List.of(
                new SqsMetrics(sqs::queueStats, sqs::queueCounters, cap),
                new SnsMetrics(sns::topicStats, sns::drainPublishSizes, cap),
                new KinesisMetrics(kinesis::drainStreamCounters, cap),
                new FirehoseMetrics(firehose::totals, cap)));
    }

    /** Starts publishing on a daemon thread; {@link #close()} stops it. */
    public synchronized AwsMetricsPublisher start() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cloudwatch-aws-metrics");
                t.setDaemon(true);
                return t;
            });
            schedule(ticker);
        }
        return this;
    }

    private void schedule(ScheduledExecutorService on) {
        long now = clock.millis();
        long next = Math.floorDiv(now, intervalMillis) * intervalMillis + intervalMillis - LEAD_MILLIS;
        if (next <= now) {
            next += intervalMillis;
        }
        on.schedule(() -> {
            try {
                publishOnce();
            } catch (RuntimeException e) {
                log.warn("publishing the AWS/* metrics failed: {}", e.toString());
            }
            schedule(on);
        }, next - now, TimeUnit.MILLISECONDS);
    }

    /** Reads every source and stores the interval's datapoints; returns how many (tests call it directly). */
    public int publishOnce() {
        synchronized (publishing) {
            return publish(clock.millis());
        }
    }

    private int publish(long now) {
        Datapoints out = new Datapoints(now);
        for (MetricSource source : sources) {
            try {
                source.collect(out, now);
            } catch (RuntimeException e) {
                log.warn("reading {} for the AWS/* metrics failed: {}", source.getClass().getSimpleName(),
                        e.toString());
            }
        }
        for (Map.Entry<Datapoints.Scope, List<Datum>> e : out.byScope().entrySet()) {
            Datapoints.Scope scope = e.getKey();
            try {
                cloudWatch.publish(scope.account(), scope.region(), scope.namespace(), e.getValue());
            } catch (AwsException refused) {
                if (now - lastWarnMillis >= WARN_EVERY_MILLIS) {
                    lastWarnMillis = now;
                    log.warn("CloudWatch refused the {} metrics of account {} in {}: {} (dropped; said at most every"
                            + " 10 minutes)", scope.namespace(), scope.account(), scope.region(), refused.getMessage());
                }
            }
        }
        return out.size();
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ticker = null;
        }
    }
}
