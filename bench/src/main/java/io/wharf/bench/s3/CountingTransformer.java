package io.wharf.bench.s3;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Receives an object's bytes as a client would and keeps only their count, so that large objects cost the load
 * generator no memory (the SDK's {@code toBytes()} would hold each one whole).
 */
final class CountingTransformer implements AsyncResponseTransformer<GetObjectResponse, Long> {
    private volatile CompletableFuture<Long> future;

    @Override
    public CompletableFuture<Long> prepare() {
        future = new CompletableFuture<>();
        return future;
    }

    @Override
    public void onResponse(GetObjectResponse response) {
    }

    @Override
    public void onStream(SdkPublisher<ByteBuffer> publisher) {
        CompletableFuture<Long> done = future;
        publisher.subscribe(new Subscriber<ByteBuffer>() {
            private long count;

            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer bytes) {
                count += bytes.remaining();
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                done.complete(count);
            }
        });
    }

    @Override
    public void exceptionOccurred(Throwable failure) {
        future.completeExceptionally(failure);
    }
}
