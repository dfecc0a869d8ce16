package io.wharf.bench.scenario;

import io.wharf.bench.firehose.FirehoseSettings;
import io.wharf.bench.kinesis.KinesisSettings;
import io.wharf.bench.mq.BrokerSettings;
import io.wharf.bench.s3.S3Settings;

import java.net.URI;
import java.time.Duration;

/**
 * Everything a scenario may read; each scenario uses the part that shapes its load.
 *
 * @param endpoint      where the service answers, e.g. {@code http://127.0.0.1:4566}
 * @param target        a label for the results (defaults to the endpoint)
 * @param warmup        load that is thrown away before measuring
 * @param duration      the measured window
 * @param callers       concurrent callers (sqs-send, kinesis-put)
 * @param producers     sending callers (sqs-roundtrip, sns-fanout, kinesis-roundtrip)
 * @param consumers     receiving callers (sqs-roundtrip; Kinesis reads with one reader per shard)
 * @param backlogCap    producers pause while sent - received exceeds this (sqs-roundtrip)
 * @param ratePerSecond messages (records) per second to send in all, 0 for as fast as possible
 *                      (sqs-roundtrip, kinesis-roundtrip)
 * @param bodyBytes     size of each message body, or of each Kinesis record's data
 * @param serverPid     the server's process id for its CPU use, or 0 when unknown
 * @param kinesis       the Kinesis scenarios' own settings (shards, records per put…)
 * @param queueAttributes attributes of the queues the SQS scenarios create (e.g. KmsMasterKeyId), none by default
 * @param s3            the S3 scenarios' own settings (object size, keys)
 * @param firehose      the Firehose scenarios' own settings (records per batch, buffering hints)
 * @param broker        the broker {@code mq-jms} connects to (its OpenWire URL, user and password), NONE otherwise
 */
public record ScenarioSettings(URI endpoint, String target, Duration warmup, Duration duration, int callers,
                               int producers, int consumers, int backlogCap, int ratePerSecond, int bodyBytes,
                               long serverPid, KinesisSettings kinesis, java.util.Map<String, String> queueAttributes,
                               S3Settings s3, FirehoseSettings firehose, BrokerSettings broker) {

    public ScenarioSettings(URI endpoint, String target, Duration warmup, Duration duration, int callers,
                            int producers, int consumers, int backlogCap, int ratePerSecond, int bodyBytes,
                            long serverPid, KinesisSettings kinesis, java.util.Map<String, String> queueAttributes,
                            S3Settings s3, FirehoseSettings firehose) {
        this(endpoint, target, warmup, duration, callers, producers, consumers, backlogCap, ratePerSecond, bodyBytes,
                serverPid, kinesis, queueAttributes, s3, firehose, BrokerSettings.NONE);
    }

    public ScenarioSettings(URI endpoint, String target, Duration warmup, Duration duration, int callers,
                            int producers, int consumers, int backlogCap, int ratePerSecond, int bodyBytes,
                            long serverPid, KinesisSettings kinesis) {
        this(endpoint, target, warmup, duration, callers, producers, consumers, backlogCap, ratePerSecond, bodyBytes,
                serverPid, kinesis, java.util.Map.of());
    }

    public ScenarioSettings(URI endpoint, String target, Duration warmup, Duration duration, int callers,
                            int producers, int consumers, int backlogCap, int ratePerSecond, int bodyBytes,
                            long serverPid, KinesisSettings kinesis, java.util.Map<String, String> queueAttributes) {
        this(endpoint, target, warmup, duration, callers, producers, consumers, backlogCap, ratePerSecond, bodyBytes,
                serverPid, kinesis, queueAttributes, S3Settings.DEFAULTS, FirehoseSettings.DEFAULTS);
    }

    /** Upper bounds, so a typo can't ask for a million threads or a body SQS would refuse. */
    public static final int MAX_CALLERS = 1024;
    public static final int MAX_BODY_BYTES = 256 * 1024;

    public ScenarioSettings {
        check(callers, "callers");
        check(producers, "producers");
        check(consumers, "consumers");
        if (backlogCap < 10) {
            throw new IllegalArgumentException("backlog cap must be at least one batch (10), got " + backlogCap);
        }
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("rate must be >= 0 (0 = full speed), got " + ratePerSecond);
        }
        if (bodyBytes < 64 || bodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("body size must be 64.." + MAX_BODY_BYTES + " bytes, got " + bodyBytes);
        }
        queueAttributes = java.util.Map.copyOf(queueAttributes);
        if (kinesis == null) {
            throw new IllegalArgumentException("Kinesis settings are required (KinesisSettings.DEFAULTS)");
        }
        if (s3 == null || firehose == null) {
            throw new IllegalArgumentException("S3 and Firehose settings are required (S3Settings.DEFAULTS, "
                    + "FirehoseSettings.DEFAULTS)");
        }
        if (broker == null) {
            throw new IllegalArgumentException("broker settings are required (BrokerSettings.NONE)");
        }
    }

    private static void check(int count, String what) {
        if (count < 1 || count > MAX_CALLERS) {
            throw new IllegalArgumentException(what + " must be 1.." + MAX_CALLERS + ", got " + count);
        }
    }

    public ScenarioSettings withEndpoint(URI newEndpoint, String newTarget, long newServerPid) {
        return new ScenarioSettings(newEndpoint, newTarget, warmup, duration, callers, producers, consumers,
                backlogCap, ratePerSecond, bodyBytes, newServerPid, kinesis, queueAttributes, s3, firehose, broker);
    }

    public ScenarioSettings withRate(int newRatePerSecond) {
        return new ScenarioSettings(endpoint, target, warmup, duration, callers, producers, consumers,
                backlogCap, newRatePerSecond, bodyBytes, serverPid, kinesis, queueAttributes, s3, firehose, broker);
    }

    /** The same load for another warm-up and measured time. */
    public ScenarioSettings withTimes(Duration newWarmup, Duration newDuration) {
        return new ScenarioSettings(endpoint, target, newWarmup, newDuration, callers, producers, consumers,
                backlogCap, ratePerSecond, bodyBytes, serverPid, kinesis, queueAttributes, s3, firehose, broker);
    }

    /** The same load against another broker ({@code mq-jms}). */
    public ScenarioSettings withBroker(BrokerSettings newBroker) {
        return new ScenarioSettings(endpoint, target, warmup, duration, callers, producers, consumers,
                backlogCap, ratePerSecond, bodyBytes, serverPid, kinesis, queueAttributes, s3, firehose, newBroker);
    }
}
