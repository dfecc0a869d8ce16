package io.wharf.it.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.it.sns.Webhook;
import io.wharf.testkit.Clients;
import io.wharf.testkit.TrustingTls;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.utils.AttributeMap;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The URLs Wharf mints carry the scheme and port of the listener the request came in on: over {@code --tls-port},
 * QueueUrl, SubscribeURL, UnsubscribeURL and SigningCertURL are {@code https://…:<tls-port>/…} and work; over the
 * plain port they stay {@code http://…:<port>/…}.
 */
class ListenerUrlsIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().configure(c -> c.tlsPort(0)).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<AutoCloseable> OPENED = new CopyOnWriteArrayList<>();

    /** Trusts Wharf's self-signed certificate (made for 127.0.0.1), as a test setting. */
    private static SdkHttpClient trustingAll() {
        @SuppressWarnings("deprecation")
        SdkHttpClient client = ApacheHttpClient.builder().buildWithDefaults(AttributeMap.builder()
                .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build());
        OPENED.add(client);
        return client;
    }

    /** A plain HTTP client, as a web application following SubscribeURL uses, trusting the test certificate. */
    private static HttpClient follower() throws Exception {
        SSLContext tls = TrustingTls.context();
        HttpClient client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        OPENED.add(client);
        return client;
    }

    @AfterAll
    static void close() throws Exception {
        for (AutoCloseable c : OPENED) {
            c.close();
        }
    }

    private static URI tls() {
        return URI.create(WHARF.wharf().tlsEndpoint());
    }

    @Test
    void queueUrlsOverTlsAreHttpsOnTheTlsPortAndUsable() {
        int tlsPort = WHARF.wharf().tlsPort();
        String name = "tls-url-" + System.nanoTime();
        try (SqsClient sqs = Clients.sqsBuilder(tls()).httpClientBuilder(null).httpClient(trustingAll()).build()) {
            String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
            assertThat(url).isEqualTo("https://127.0.0.1:" + tlsPort + "/000000000000/" + name);
            assertThat(sqs.getQueueUrl(r -> r.queueName(name)).queueUrl()).isEqualTo(url);
            assertThat(sqs.listQueues(r -> r.queueNamePrefix(name)).queueUrls()).containsExactly(url);
            // usable as it is: a client aimed at the URL's own endpoint sends and receives through it
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("over tls"));
            assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).extracting(m -> m.body())
                    .containsExactly("over tls");
        }
        // the same queue seen through the plain port is http on the plain port
        assertThat(WHARF.sqs().getQueueUrl(r -> r.queueName(name)).queueUrl())
                .isEqualTo("http://127.0.0.1:" + WHARF.wharf().port() + "/000000000000/" + name);
    }

    @Test
    void snsUrlsOverTlsAreHttpsAndFollowable() throws Exception {
        int tlsPort = WHARF.wharf().tlsPort();
        String https = "https://127.0.0.1:" + tlsPort + "/";
        HttpClient follower = follower();
        try (Webhook webhook = new Webhook();
             SnsClient sns = Clients.snsBuilder(tls()).httpClientBuilder(null).httpClient(trustingAll()).build()) {
            String topic = sns.createTopic(r -> r.name("tls-url-" + System.nanoTime())).topicArn();
            sns.subscribe(r -> r.topicArn(topic).protocol("http").endpoint(webhook.url("/hook")));
            JsonNode confirmation = JSON.readTree(webhook.next("SubscriptionConfirmation", Duration.ofSeconds(10)).body());
            String subscribeUrl = confirmation.path("SubscribeURL").asText();
            assertThat(subscribeUrl).startsWith(https);
            assertThat(confirmation.path("SigningCertURL").asText()).startsWith(https);
            HttpResponse<String> confirmed = follower.send(HttpRequest.newBuilder(URI.create(subscribeUrl)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
            assertThat(confirmed.body()).contains("<SubscriptionArn>" + topic + ":");

            sns.publish(r -> r.topicArn(topic).message("hello over tls"));
            JsonNode notification = JSON.readTree(webhook.next("Notification", Duration.ofSeconds(10)).body());
            assertThat(notification.path("Message").asText()).isEqualTo("hello over tls");
            String certificateUrl = notification.path("SigningCertURL").asText();
            assertThat(certificateUrl).startsWith(https);
            HttpResponse<String> certificate = follower.send(HttpRequest.newBuilder(URI.create(certificateUrl)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(certificate.statusCode()).isEqualTo(200);
            assertThat(certificate.body()).startsWith("-----BEGIN CERTIFICATE-----");
            String unsubscribeUrl = notification.path("UnsubscribeURL").asText();
            assertThat(unsubscribeUrl).startsWith(https);
            HttpResponse<String> unsubscribed = follower.send(HttpRequest.newBuilder(URI.create(unsubscribeUrl)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unsubscribed.statusCode()).as(unsubscribed.body()).isEqualTo(200);
            assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions()).isEmpty();
        }
    }

    @Test
    void snsUrlsOverThePlainPortStayHttp() throws Exception {
        String http = "http://127.0.0.1:" + WHARF.wharf().port() + "/";
        try (Webhook webhook = new Webhook(); SnsClient sns = Clients.sns(WHARF.endpoint())) {
            String topic = sns.createTopic(r -> r.name("plain-url-" + System.nanoTime())).topicArn();
            sns.subscribe(r -> r.topicArn(topic).protocol("http").endpoint(webhook.url("/hook")));
            JsonNode confirmation = JSON.readTree(webhook.next("SubscriptionConfirmation", Duration.ofSeconds(10)).body());
            assertThat(confirmation.path("SubscribeURL").asText()).startsWith(http);
            assertThat(confirmation.path("SigningCertURL").asText()).startsWith(http);
        }
    }
}
