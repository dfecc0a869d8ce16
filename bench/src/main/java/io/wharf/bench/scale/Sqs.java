package io.wharf.bench.scale;

import io.wharf.bench.sqs.SqsClients;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/** Queue set-up shared by the SQS cases. */
final class Sqs {
    private Sqs() {
    }

    static SqsAsyncClient client(URI endpoint, int callers) {
        return SqsClients.create(endpoint, callers);
    }

    /** Creates {@code count} queues named {@code prefix-<i>}, 32 calls in flight; their URLs in order. */
    static List<String> createQueues(SqsAsyncClient sqs, String prefix, int count) throws InterruptedException {
        Semaphore permits = new Semaphore(32);
        List<CompletableFuture<String>> urls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = prefix + "-" + i;
            permits.acquire();
            urls.add(sqs.createQueue(b -> b.queueName(name)).thenApply(r -> r.queueUrl())
                    .whenComplete((url, failure) -> permits.release()));
        }
        return urls.stream().map(CompletableFuture::join).toList();
    }

    static String body(int bytes) {
        return "m".repeat(Math.max(1, bytes));
    }
}
