package io.wharf.testkit;

import io.wharf.server.Wharf;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class WharfServerExtensionTest {
    @RegisterExtension
    static final WharfServerExtension wharf = WharfServerExtension.builder().relaxed(true).build();

    private static int firstPort;

    @Test
    void serverRunsOnAnEphemeralLoopbackPortInMemory() {
        assertThat(wharf.endpoint().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(wharf.wharf().config().inMemory()).isTrue();
        assertThat(wharf.wharf().config().relaxed()).isTrue();
        assertThat(wharf.wharf().config().region()).isEqualTo("us-east-1");
        rememberPort();
    }

    @Test
    void oneServerServesTheWholeClass(Wharf injected) {
        assertThat(injected).isSameAs(wharf.wharf());
        rememberPort();
    }

    private static synchronized void rememberPort() {
        if (firstPort == 0) {
            firstPort = wharf.wharf().port();
        }
        assertThat(wharf.wharf().port()).isEqualTo(firstPort);
    }

    @Test
    void rawHttpReachesTheHealthEndpoint(RawHttp raw) {
        RawHttp.Response response = raw.get("/_wharf/health", Map.of());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(response.header("Content-Type")).hasValue("application/json");
    }

    @Test
    void rawHttpSendsJsonAndForms() {
        // Whatever the gateway answers, it is an HTTP answer from the server (not a connection error).
        assertThat(wharf.raw().postJson("AmazonSQS.ListQueues", "{}", Map.of("X-Amz-Query-Mode", "true")).status())
                .isBetween(200, 599);
        assertThat(wharf.raw().postForm("/", Map.of("Action", "ListQueues", "Version", "2012-11-05"), Map.of()).status())
                .isBetween(200, 599);
    }

    @Test
    void sdkClientsReachTheServer(SqsClient sqs, SqsAsyncClient sqsAsync) {
        assertThat(sqs).isSameAs(wharf.sqs());
        assertThat(sqsAsync).isSameAs(wharf.sqsAsync());
        // Until the SQS operations land the gateway may refuse; a service error still proves the round trip.
        try {
            assertThat(sqs.listQueues().queueUrls()).isNotNull();
        } catch (SdkServiceException e) {
            assertThat(e.statusCode()).isBetween(400, 599);
        }
        try {
            assertThat(sqsAsync.listQueues().join().queueUrls()).isNotNull();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(SdkServiceException.class);
        }
    }

    @Nested
    class NestedClasses {
        @Test
        void shareTheOuterServer() {
            assertThat(wharf.wharf().port()).isPositive();
            rememberPort();
        }
    }
}
