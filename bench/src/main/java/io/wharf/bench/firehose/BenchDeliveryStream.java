package io.wharf.bench.firehose;

import io.wharf.bench.s3.BenchBucket;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.util.UUID;

/**
 * A DirectPut delivery stream made for one run, delivering uncompressed into a fresh bucket under {@value #PREFIX}
 * with the run's buffering hints; deleted after the run with its bucket (best effort).
 */
public final class BenchDeliveryStream implements AutoCloseable {
    /** Where the records land in the bucket; errors go under {@code errors/}. */
    public static final String PREFIX = "records/";
    /** Firehose wants a role it can assume; a local endpoint takes any well-formed one. */
    static final String ROLE_ARN = "arn:aws:iam::000000000000:role/wharf-bench-firehose";
    private static final long ACTIVE_TIMEOUT_MILLIS = 60_000;

    private final FirehoseAsyncClient client;
    private final BenchBucket bucket;
    private final String name;

    private BenchDeliveryStream(FirehoseAsyncClient client, BenchBucket bucket, String name) {
        this.client = client;
        this.bucket = bucket;
        this.name = name;
    }

    /** Creates the bucket and the stream and waits until the stream is ACTIVE. */
    public static BenchDeliveryStream create(FirehoseAsyncClient client, S3AsyncClient s3, String scenario,
                                             FirehoseSettings settings) throws InterruptedException {
        BenchBucket bucket = BenchBucket.create(s3, scenario);
        String name = "wharf-bench-" + scenario + "-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            client.createDeliveryStream(b -> b.deliveryStreamName(name)
                    .deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
                    .extendedS3DestinationConfiguration(d -> d.bucketARN("arn:aws:s3:::" + bucket.name())
                            .roleARN(ROLE_ARN)
                            .prefix(PREFIX)
                            .errorOutputPrefix("errors/")
                            .compressionFormat(CompressionFormat.UNCOMPRESSED)
                            .bufferingHints(h -> h.intervalInSeconds(settings.bufferIntervalSeconds())
                                    .sizeInMBs(settings.bufferSizeMiB())))).join();
            long deadline = System.currentTimeMillis() + ACTIVE_TIMEOUT_MILLIS;
            while (client.describeDeliveryStream(b -> b.deliveryStreamName(name)).join()
                    .deliveryStreamDescription().deliveryStreamStatus() != DeliveryStreamStatus.ACTIVE) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("delivery stream " + name + " not ACTIVE after "
                            + ACTIVE_TIMEOUT_MILLIS + " ms");
                }
                Thread.sleep(100);
            }
        } catch (RuntimeException | InterruptedException e) {
            bucket.close();
            throw e;
        }
        return new BenchDeliveryStream(client, bucket, name);
    }

    public String name() {
        return name;
    }

    public BenchBucket bucket() {
        return bucket;
    }

    @Override
    public void close() {
        try {
            client.deleteDeliveryStream(b -> b.deliveryStreamName(name)).join();
        } catch (RuntimeException e) {
            System.err.println("wharf-bench: could not delete delivery stream " + name + ": " + e.getMessage());
        }
        bucket.close();
    }
}
