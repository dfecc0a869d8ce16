package io.wharf.bench.firehose;

import io.wharf.bench.sqs.SqsClients;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;

import java.net.URI;

/** The Firehose client of every scenario: the SDK v2 async client with the settings of the SQS scenarios. */
public final class FirehoseClients {
    private FirehoseClients() {
    }

    public static FirehoseAsyncClient create(URI endpoint, int callers) {
        return SqsClients.configure(FirehoseAsyncClient.builder(), endpoint, callers).build();
    }
}
