package io.wharf.it.frameworks;

import io.wharf.testkit.Clients;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/**
 * SQS clients as a framework's user builds them: the SDK's defaults (retries included) with the endpoint
 * overridden, plus the region and credentials any user has in their environment. The HTTP client is named only
 * because this module's classpath holds several and the SDK refuses to guess among them.
 */
final class FrameworkClients {
    private FrameworkClients() {
    }

    @SuppressWarnings("deprecation") // ApacheHttpClient (HttpClient 4): still what most applications run
    static SqsClient sqs(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Clients.REGION)
                .credentialsProvider(Clients.CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    static SqsAsyncClient sqsAsync(URI endpoint) {
        return SqsAsyncClient.builder().endpointOverride(endpoint).region(Clients.REGION)
                .credentialsProvider(Clients.CREDENTIALS).httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
    }
}
