package io.wharf.server.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --log-requests}: one line per AWS call, with every field, through a running Wharf. */
class RequestLogTest {
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RequestLogWriter.LOGGER);

    @BeforeEach
    void capture() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void release() {
        logger.detachAppender(events);
    }

    private static HttpResponse<String> sqs(String endpoint, String action, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("Content-Type", "application/x-amz-json-1.0").header("X-Amz-Target", "AmazonSQS." + action)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDLOGTEST/20250101/us-east-1/sqs/aws4_request, "
                        + "SignedHeaders=host, Signature=abc")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> fields(ILoggingEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (KeyValuePair pair : event.getKeyValuePairs()) {
            fields.put(pair.key, pair.value);
        }
        return fields;
    }

    @Test
    void oneLinePerCallWithItsFields() throws Exception {
        try (Wharf wharf = Wharf.start(WharfConfig.builder().port(0).inMemory(true).logRequests(true).build())) {
            HttpResponse<String> created = sqs(wharf.endpoint(), "CreateQueue", "{\"QueueName\":\"logged\"}");
            HttpResponse<String> missing = sqs(wharf.endpoint(), "GetQueueUrl", "{\"QueueName\":\"nope\"}");
            assertThat(events.list).hasSize(2);

            Map<String, Object> ok = fields(events.list.get(0));
            assertThat(ok).containsEntry("service", "sqs").containsEntry("action", "CreateQueue")
                    .containsEntry("status", 200).doesNotContainKey("errorCode").doesNotContainKey("resource")
                    .containsEntry("account", "000000000000").containsEntry("accessKeyId", "AKIDLOGTEST")
                    .containsEntry("sourceIp", "127.0.0.1")
                    .containsEntry("requestId", created.headers().firstValue("x-amzn-RequestId").orElseThrow())
                    .containsEntry("bytesIn", 22L).containsEntry("bytesOut", (long) created.body().length());
            assertThat((Double) ok.get("latencyMs")).isPositive();
            assertThat(events.list.get(0).getFormattedMessage())
                    .matches("sqs CreateQueue 200 - \\d+\\.\\d{3} ms in=22 out=\\d+ account=000000000000 id=\\S+ "
                            + "ip=127\\.0\\.0\\.1 key=AKIDLOGTEST resource=-");

            Map<String, Object> error = fields(events.list.get(1));
            assertThat(error).containsEntry("action", "GetQueueUrl").containsEntry("status", 400)
                    .containsEntry("errorCode", "AWS.SimpleQueueService.NonExistentQueue");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(events.list.get(1).getFormattedMessage())
                    .startsWith("sqs GetQueueUrl 400 AWS.SimpleQueueService.NonExistentQueue ");
        }
    }

    @Test
    void offByDefault() throws Exception {
        try (Wharf wharf = Wharf.start(WharfConfig.builder().port(0).inMemory(true).build())) {
            sqs(wharf.endpoint(), "ListQueues", "{}");
            assertThat(events.list).isEmpty();
        }
    }
}
