package io.wharf.it.durability;

import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.storage.FaultyStore;
import io.wharf.storage.MemoryStore;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Health tells the truth: once the store has failed (fail-stop), /_wharf/health and /_wharf/ready answer 503 with
 * the reason while every write answers 500, and /_wharf/live stays 200 (the process answers; a restart is what
 * helps).
 */
class HealthIT {
    private final HttpClient http = HttpClient.newHttpClient();
    private FaultyStore store;
    private Wharf wharf;
    private SqsClient sqs;

    @BeforeEach
    void start() {
        store = new FaultyStore(new MemoryStore());
        wharf = Wharf.start(WharfConfig.builder().port(0).inMemory(true).build(), store);
        sqs = Clients.sqs(URI.create(wharf.endpoint()));
    }

    @AfterEach
    void stop() {
        sqs.close();
        wharf.close();
        http.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(wharf.endpoint() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsOkWhileWritesWork() throws Exception {
        String url = sqs.createQueue(r -> r.queueName("fine")).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("x"));
        for (String path : new String[]{"/_wharf/health", "/_wharf/ready"}) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(answer.headers().firstValue("content-type")).hasValue("application/json");
        }
        assertThat(get("/_wharf/live").statusCode()).isEqualTo(200);
    }

    @Test
    void aFailedStoreMakesHealthAndReadinessSay503WithTheReason() throws Exception {
        String url = sqs.createQueue(r -> r.queueName("failing")).queueUrl();
        store.failNextAwaits(1);
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("lost")))
                .isInstanceOfSatisfying(SqsException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
        // every later write is refused too (fail-stop), and health says so instead of "ok"
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("refused")))
                .isInstanceOfSatisfying(SqsException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
        for (String path : new String[]{"/_wharf/health", "/_wharf/ready"}) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).isEqualTo(
                    "{\"status\":\"unavailable\",\"reason\":\"store failed: injected fsync failure\"}");
        }
        HttpResponse<String> live = get("/_wharf/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("{\"status\":\"alive\"}");
    }
}
