package io.wharf.it.http;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.utils.AttributeMap;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS SDK's Netty client over HTTP/2, the way Kinesis clients talk: h2c with prior knowledge on the plain
 * port, and on the TLS port (self-signed certificate, trusted for the test) both with ALPN and with the SDK's
 * default, which sends the HTTP/2 preface without ALPN. Many requests share one connection as streams.
 */
class Http2IT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().configure(c -> c.tlsPort(0)).build();

    private static SqsAsyncClient client(URI endpoint, ProtocolNegotiation negotiation) {
        NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2)
                .maxConcurrency(1); // one connection: every request is a stream on it
        if (negotiation != null) {
            http.protocolNegotiation(negotiation);
        }
        return Clients.sqsAsyncBuilder(endpoint).httpClientBuilder(null).httpClient(trustingAll(http)).build();
    }

    /** The client trusts Wharf's self-signed certificate (a test setting; users trust the certificate file). */
    private static SdkAsyncHttpClient trustingAll(NettyNioAsyncHttpClient.Builder http) {
        SdkAsyncHttpClient client = http.buildWithDefaults(AttributeMap.builder()
                .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build());
        OPENED.add(client);
        return client;
    }

    /** HTTP clients given to SDK clients are not closed by them. */
    private static final List<SdkAsyncHttpClient> OPENED = new java.util.concurrent.CopyOnWriteArrayList<>();

    @org.junit.jupiter.api.AfterAll
    static void closeHttpClients() {
        OPENED.forEach(SdkAsyncHttpClient::close);
    }

    private static void sendAndReceiveConcurrently(SqsAsyncClient sqs, String queueName) throws Exception {
        String url = sqs.createQueue(r -> r.queueName(queueName)).get().queueUrl();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            sends.add(sqs.sendMessage(r -> r.queueUrl(url).messageBody("over h2 #" + n)));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
        List<Message> received = new ArrayList<>();
        while (received.size() < 20) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).get().messages();
            assertThat(batch).as("messages keep coming").isNotEmpty();
            received.addAll(batch);
        }
        assertThat(received).extracting(Message::body).contains("over h2 #0", "over h2 #19");
    }

    @Test
    void h2cWithPriorKnowledge() throws Exception {
        try (SqsAsyncClient sqs = client(WHARF.endpoint(), null)) {
            sendAndReceiveConcurrently(sqs, "h2c");
        }
    }

    @Test
    void tlsWithAlpn() throws Exception {
        try (SqsAsyncClient sqs = client(URI.create(WHARF.wharf().tlsEndpoint()), ProtocolNegotiation.ALPN)) {
            sendAndReceiveConcurrently(sqs, "h2-alpn");
        }
    }

    @Test
    void tlsWithoutAlpnAsTheSdkDoesByDefault() throws Exception {
        try (SqsAsyncClient sqs = client(URI.create(WHARF.wharf().tlsEndpoint()), ProtocolNegotiation.ASSUME_PROTOCOL)) {
            sendAndReceiveConcurrently(sqs, "h2-assumed");
        }
    }

    @Test
    void http11OverTls() throws Exception {
        try (SqsAsyncClient sqs = Clients.sqsAsyncBuilder(URI.create(WHARF.wharf().tlsEndpoint()))
                .httpClientBuilder(null)
                .httpClient(trustingAll(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))).build()) {
            sendAndReceiveConcurrently(sqs, "h1-tls");
        }
    }
}
