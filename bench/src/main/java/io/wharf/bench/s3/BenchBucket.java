package io.wharf.bench.s3;

import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.List;
import java.util.UUID;

/** A bucket made for one run and emptied and deleted after it (best effort: a failed clean-up does not fail the run). */
public final class BenchBucket implements AutoCloseable {
    private final S3AsyncClient client;
    private final String name;

    private BenchBucket(S3AsyncClient client, String name) {
        this.client = client;
        this.name = name;
    }

    /** A new bucket named after the scenario, with a random suffix (bucket names are global on AWS). */
    public static BenchBucket create(S3AsyncClient client, String scenario) {
        String name = ("wharf-bench-" + scenario + "-" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(java.util.Locale.ROOT);
        client.createBucket(b -> b.bucket(name)).join();
        return new BenchBucket(client, name);
    }

    public String name() {
        return name;
    }

    /** Every key in the bucket under {@code prefix}, page by page. */
    public List<S3Object> list(String prefix) {
        List<S3Object> all = new java.util.ArrayList<>();
        String token = null;
        do {
            String from = token;
            ListObjectsV2Response page = client.listObjectsV2(b -> b.bucket(name).prefix(prefix)
                    .continuationToken(from)).join();
            all.addAll(page.contents());
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return all;
    }

    @Override
    public void close() {
        try {
            List<S3Object> objects = list("");
            for (int i = 0; i < objects.size(); i += 1000) {
                List<ObjectIdentifier> batch = objects.subList(i, Math.min(objects.size(), i + 1000)).stream()
                        .map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
                client.deleteObjects(b -> b.bucket(name).delete(d -> d.objects(batch).quiet(true))).join();
            }
            client.deleteBucket(b -> b.bucket(name)).join();
        } catch (RuntimeException e) {
            System.err.println("wharf-bench: could not clean up bucket " + name + ": " + e.getMessage());
        }
    }
}
