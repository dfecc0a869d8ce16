package io.wharf.bench.mq;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.mq.model.BrokerInstance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker a compare creates through a Wharf's MQ API, against a fake of that API (REST-JSON as AWS speaks it):
 * Wharf's broker runtime is not on this branch's main yet, so the requests and the reading of the answers are checked
 * here, and the compare's end-to-end run against Wharf waits for it (docs/benchmarks.md).
 */
class BenchBrokerTest {
    private static final BrokerSettings USER = new BrokerSettings(null, "wharf-bench", "a-long-password-1");
    private static final String ID = "b-3f1e2d4c-0000-4000-8000-000000000001";

    private HttpServer server;
    private URI endpoint;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger describes = new AtomicInteger();
    private volatile String createBody;
    private volatile String finalState = "RUNNING";
    private volatile boolean deleted;
    private volatile boolean noRuntime;

    @BeforeEach
    void startFakeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/brokers", this::answer);
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopFakeApi() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        calls.add(call);
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (call.equals("POST /v1/brokers")) {
            createBody = body;
            if (noRuntime) {
                send(exchange, 400, "BadRequestException",
                        "{\"errorAttribute\":\"engineType\",\"message\":\"this Wharf has no ACTIVEMQ runtime\"}");
                return;
            }
            send(exchange, 200, null, "{\"brokerArn\":\"arn:aws:mq:us-east-1:000000000000:broker:bench:" + ID
                    + "\",\"brokerId\":\"" + ID + "\"}");
        } else if (call.equals("GET /v1/brokers/" + ID)) {
            if (deleted) {
                send(exchange, 404, "NotFoundException", "{\"errorAttribute\":\"broker-id\",\"message\":\"gone\"}");
            } else if (describes.incrementAndGet() < 3) {
                send(exchange, 200, null, "{\"brokerId\":\"" + ID + "\",\"brokerState\":\"CREATION_IN_PROGRESS\"}");
            } else {
                send(exchange, 200, null, "{\"brokerId\":\"" + ID + "\",\"brokerState\":\"" + finalState + "\","
                        + "\"brokerInstances\":[{\"endpoints\":[\"amqp+ssl://127.0.0.1:5671\",\"tcp://127.0.0.1:61617\","
                        + "\"stomp+ssl://127.0.0.1:61614\"],\"ipAddress\":\"127.0.0.1\"}]}");
            }
        } else if (call.equals("DELETE /v1/brokers/" + ID)) {
            deleted = true;
            send(exchange, 200, null, "{\"brokerId\":\"" + ID + "\"}");
        } else {
            send(exchange, 404, "NotFoundException", "{\"message\":\"no route " + call + "\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String errorType, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (errorType != null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void aBrokerIsCreatedAsOnAwsWaitedForAndDeleted() throws Exception {
        try (BenchBroker broker = BenchBroker.create(endpoint, "wharf-bench-wharf", USER)) {
            assertThat(broker.brokerId()).isEqualTo(ID);
            assertThat(broker.openWire()).isEqualTo(URI.create("tcp://127.0.0.1:61617"));
            assertThat(describes.get()).as("polled until RUNNING").isEqualTo(3);
        }
        assertThat(createBody).contains("\"engineType\":\"ACTIVEMQ\"", "\"deploymentMode\":\"SINGLE_INSTANCE\"",
                "\"hostInstanceType\":\"mq.m5.large\"", "\"publiclyAccessible\":false", "\"brokerName\":\"wharf-bench-wharf\"",
                "\"username\":\"wharf-bench\"", "\"password\":\"a-long-password-1\"");
        assertThat(calls).contains("DELETE /v1/brokers/" + ID).last().isEqualTo("GET /v1/brokers/" + ID);
    }

    @Test
    void aBrokerThatFailsToStartIsReportedAndDeleted() {
        finalState = "CREATION_FAILED";

        assertThatThrownBy(() -> BenchBroker.create(endpoint, "wharf-bench-wharf", USER))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(ID).hasMessageContaining("failed");
        assertThat(calls).contains("DELETE /v1/brokers/" + ID);
    }

    @Test
    void aWharfWithoutTheActiveMqRuntimeSaysSo() {
        noRuntime = true;

        assertThatThrownBy(() -> BenchBroker.create(endpoint, "wharf-bench-wharf", USER))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no ACTIVEMQ runtime")
                .hasMessageContaining(endpoint.toString());
        assertThat(calls).containsExactly("POST /v1/brokers");
    }

    @Test
    void theOpenWireEndpointIsTheSslOrTcpOne() {
        BrokerInstance aws = BrokerInstance.builder().endpoints("ssl://b-1.mq.us-east-1.amazonaws.com:61617",
                "amqp+ssl://b-1.mq.us-east-1.amazonaws.com:5671", "wss://b-1.mq.us-east-1.amazonaws.com:61619").build();

        assertThat(BenchBroker.openWireEndpoint(List.of(aws)))
                .isEqualTo(URI.create("ssl://b-1.mq.us-east-1.amazonaws.com:61617"));
        assertThatThrownBy(() -> BenchBroker.openWireEndpoint(List.of(BrokerInstance.builder()
                .endpoints("amqp+ssl://h:5671").build()))).hasMessageContaining("no OpenWire endpoint");
        assertThatThrownBy(() -> BenchBroker.openWireEndpoint(List.of())).hasMessageContaining("no instance");
    }
}
