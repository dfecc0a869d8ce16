package io.wharf.bench;

import io.wharf.bench.firehose.FirehoseSettings;
import io.wharf.bench.kinesis.KinesisSettings;
import io.wharf.bench.s3.S3Settings;
import io.wharf.bench.kinesis.KinesisWire;
import io.wharf.bench.mq.BrokerSettings;
import io.wharf.bench.mq.StandaloneActiveMq;
import io.wharf.bench.scenario.ScenarioSettings;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;

/** The load settings shared by {@code run} and {@code compare}. */
public final class LoadOptions {
    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "10",
            description = "Measured window per run (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "3",
            description = "Load before measuring, thrown away (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--callers", paramLabel = "C", defaultValue = "8",
            description = "Concurrent callers for sqs-send and kinesis-put (default: ${DEFAULT-VALUE}).")
    int callers;

    @Option(names = "--producers", paramLabel = "P", defaultValue = "4",
            description = "Producers for sqs-roundtrip, sns-fanout and kinesis-roundtrip (default: ${DEFAULT-VALUE}).")
    int producers;

    @Option(names = "--consumers", paramLabel = "C", defaultValue = "4",
            description = "Consumers for sqs-roundtrip; Kinesis reads with one reader per shard (default: ${DEFAULT-VALUE}).")
    int consumers;

    @Option(names = "--backlog-cap", paramLabel = "MESSAGES", defaultValue = "200",
            description = "sqs-roundtrip producers pause while sent - received exceeds this (default: ${DEFAULT-VALUE}).")
    int backlogCap;

    @Option(names = "--rate", paramLabel = "MSGS_PER_S", defaultValue = "0",
            description = "sqs-roundtrip (messages/s), kinesis-roundtrip or kcl-* (records/s) at a fixed rate; 0 = full speed (default).")
    int ratePerSecond;

    @Option(names = "--body-bytes", paramLabel = "BYTES", defaultValue = "1024",
            description = "Message body size, or Kinesis record data size (default: ${DEFAULT-VALUE}).")
    int bodyBytes;

    @Option(names = "--shards", paramLabel = "N", defaultValue = "4",
            description = "Shards of the stream a Kinesis scenario creates (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--records-per-put", paramLabel = "R", defaultValue = "100",
            description = "Records per PutRecords call, 1..500 (default: ${DEFAULT-VALUE}).")
    int recordsPerPut;

    @Option(names = "--kinesis-backlog", paramLabel = "RECORDS", defaultValue = "2000",
            description = "kinesis-roundtrip/-subscribe (and kcl-* at full speed) producers pause while put - read exceeds this (default: ${DEFAULT-VALUE}).")
    int kinesisBacklog;

    @Option(names = "--poll-idle-ms", paramLabel = "MILLIS", defaultValue = "10",
            description = "A GetRecords reader that got nothing waits this long (default: ${DEFAULT-VALUE}).")
    int pollIdleMillis;

    @Option(names = "--kcl-poll-idle-ms", paramLabel = "MILLIS", defaultValue = "1500",
            description = "kcl-polling: KCL's idleTimeBetweenReadsInMillis, 200 (KCL's minimum) or more; "
                    + "1500 is KCL's default (default: ${DEFAULT-VALUE}).")
    int kclPollIdleMillis;

    @Option(names = "--kinesis-wire", paramLabel = "json|cbor", defaultValue = "json",
            description = "Kinesis encoding; kinesalite needs json, the SDK's own default is cbor (default: ${DEFAULT-VALUE}).")
    String kinesisWire;

    @Option(names = "--queue-attribute", paramLabel = "NAME=VALUE",
            description = "An attribute of the queues the sqs-* scenarios create, e.g. KmsMasterKeyId=alias/aws/sqs or "
                    + "SqsManagedSseEnabled=false; repeatable (default: none).")
    java.util.Map<String, String> queueAttributes;

    @Option(names = "--stream-key", paramLabel = "KEY_ID",
            description = "Encrypt the stream each kinesis-* run creates with this KMS key (StartStreamEncryption), "
                    + "e.g. alias/aws/kinesis (default: not encrypted).")
    String streamKey;

    @Option(names = "--object-bytes", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Size of each object s3-put and s3-get move (default: ${DEFAULT-VALUE}).")
    int objectBytes;

    @Option(names = "--objects", paramLabel = "N", defaultValue = "16",
            description = "Distinct keys s3-put overwrites in turn and s3-get reads (default: ${DEFAULT-VALUE}).")
    int objects;

    @Option(names = "--expect-continue", defaultValue = "false",
            description = "s3-put sends Expect: 100-continue, as the SDK does by default; off by default because "
                    + "moto's server fails the SDK's Netty client with it (default: ${DEFAULT-VALUE}).")
    boolean expectContinue;

    @Option(names = "--records-per-batch", paramLabel = "R", defaultValue = "500",
            description = "Records per Firehose PutRecordBatch call, 1..500 (default: ${DEFAULT-VALUE}).")
    int recordsPerBatch;

    @Option(names = "--firehose-interval", paramLabel = "SECONDS", defaultValue = "0",
            description = "The S3 buffering interval of the delivery stream a firehose-* run creates; 0 is AWS's "
                    + "minimum (zero buffering) (default: ${DEFAULT-VALUE}).")
    int firehoseIntervalSeconds;

    @Option(names = "--firehose-buffer-mib", paramLabel = "MIB", defaultValue = "5",
            description = "The S3 buffering size of that delivery stream, 1..128 (default: ${DEFAULT-VALUE}).")
    int firehoseBufferMiB;

    @Option(names = "--broker-url", paramLabel = "URL",
            description = "mq-jms with run: the broker's OpenWire endpoint, tcp://HOST:PORT or ssl://HOST:PORT (a compare "
                    + "creates its own brokers).")
    URI brokerUrl;

    @Option(names = "--broker-user", paramLabel = "USER", description = "mq-jms with run: a broker user.")
    String brokerUser;

    @Option(names = "--broker-password", paramLabel = "PASSWORD", defaultValue = "${env:" + StandaloneActiveMq.PASSWORD_VARIABLE + "}",
            description = "mq-jms with run: that user's password (default: $" + StandaloneActiveMq.PASSWORD_VARIABLE
                    + ", better than a command line others can read).")
    String brokerPassword;

    /** The fixed rate asked for with --rate, 0 for full speed. */
    public int ratePerSecond() {
        return ratePerSecond;
    }

    public ScenarioSettings settings(URI endpoint, String target, long serverPid) {
        if (durationSeconds < 1 || durationSeconds > 3600 || warmupSeconds < 0 || warmupSeconds > 600) {
            throw new IllegalArgumentException("--duration must be 1..3600 s and --warmup 0..600 s, got "
                    + durationSeconds + " and " + warmupSeconds);
        }
        return new ScenarioSettings(endpoint, target, Duration.ofSeconds(warmupSeconds),
                Duration.ofSeconds(durationSeconds), callers, producers, consumers, backlogCap, ratePerSecond,
                bodyBytes, serverPid, kinesis(), queueAttributes == null ? java.util.Map.of() : queueAttributes,
                new S3Settings(objectBytes, objects, expectContinue),
                new FirehoseSettings(recordsPerBatch, firehoseIntervalSeconds, firehoseBufferMiB),
                brokerUrl == null ? BrokerSettings.NONE : new BrokerSettings(brokerUrl, brokerUser, brokerPassword));
    }

    /** The Kinesis settings asked for, checked. */
    public KinesisSettings kinesis() {
        return new KinesisSettings(shards, recordsPerPut, kinesisBacklog, pollIdleMillis, KinesisWire.named(kinesisWire),
                streamKey, kclPollIdleMillis);
    }
}
