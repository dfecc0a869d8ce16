package io.wharf.it.firehose;

import io.wharf.firehose.DeliveryFailure;
import io.wharf.firehose.ObjectSink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link ObjectSink} for tests, standing in for S3 until the coordinator wires Wharf's own: keeps each object by
 * {@code bucket/key}; {@link #failNext} makes the next puts fail as S3 would.
 */
final class RecordingSink implements ObjectSink {
    final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();
    final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();

    void failNext(int count) {
        failNext.set(count);
    }

    @Override
    public String put(String bucketArn, String key, InputStream content, long length, String contentEncoding)
            throws DeliveryFailure {
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            failures.incrementAndGet();
            throw new DeliveryFailure("S3.ServiceUnavailable", "injected failure");
        }
        try {
            byte[] bytes = content.readAllBytes();
            if (bytes.length != length) {
                throw new AssertionError("length " + length + " but " + bytes.length + " bytes");
            }
            objects.put(bucketArn.substring("arn:aws:s3:::".length()) + "/" + key, bytes);
            return "etag";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits (bounded) until at least {@code count} objects exist; the caller asserts on what is there. */
    Map<String, byte[]> awaitObjects(int count) throws InterruptedException {
        for (int i = 0; i < 300 && objects.size() < count; i++) {
            Thread.sleep(50);
        }
        return objects;
    }
}
