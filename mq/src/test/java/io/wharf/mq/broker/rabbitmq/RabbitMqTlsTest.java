package io.wharf.mq.broker.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import io.wharf.mq.broker.BrokerSpec;
import io.wharf.mq.broker.BrokerSpec.BrokerUser;
import io.wharf.mq.broker.RunningBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A broker with TLS material: AMQPS only, AWS's {@code amqps://} endpoint, the console over HTTPS. */
@Execution(ExecutionMode.CONCURRENT) // its nodes are its own: it runs beside the other suites
class RabbitMqTlsTest {
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    @Test
    void servesAmqpsWithTheGivenCertificateAndNoPlainAmqp(@TempDir Path data) throws Exception {
        RabbitMqRuntime runtime = RabbitMqTesting.runtimeOrSkip();
        KeyStore keys = selfSignedLocalhost(data.resolve("keys.p12"));
        Certificate certificate = keys.getCertificate("broker");
        String chainPem = pem("CERTIFICATE", certificate.getEncoded());
        String keyPem = pem("PRIVATE KEY", keys.getKey("broker", STORE_PASSWORD).getEncoded());
        BrokerSpec spec = new BrokerSpec(RabbitMqTesting.newBrokerId(), "tls-broker", "RABBITMQ", "3.13",
                "SINGLE_INSTANCE", "127.0.0.1", "localhost", data.resolve("broker"), Map.of(),
                List.of(new BrokerUser("admin", "tls-admin-password", true, List.of(), false)), null,
                new BrokerSpec.Tls(chainPem, keyPem));

        try (RunningBroker broker = runtime.start(spec)) {
            int port = broker.ports().get("amqp");
            RunningBroker.Instance instance = broker.instances().getFirst();
            assertThat(instance.endpoints()).containsExactly("amqps://localhost:" + port);

            SSLContext trusting = trusting(certificate);
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(instance.endpoints().getFirst());
            factory.useSslProtocol(trusting);
            factory.enableHostnameVerification();
            factory.setUsername("admin");
            factory.setPassword("tls-admin-password");
            factory.setAutomaticRecoveryEnabled(false);
            try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
                channel.queueDeclare("secured", true, false, false, null);
                channel.confirmSelect();
                channel.basicPublish("", "secured", MessageProperties.PERSISTENT_TEXT_PLAIN,
                        "over tls".getBytes(StandardCharsets.UTF_8));
                channel.waitForConfirmsOrDie(30_000);
                GetResponse response = channel.basicGet("secured", true);
                assertThat(response).isNotNull();
                assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("over tls");
            }

            ConnectionFactory plain = new ConnectionFactory();
            plain.setHost("127.0.0.1");
            plain.setPort(port);
            plain.setUsername("admin");
            plain.setPassword("tls-admin-password");
            plain.setConnectionTimeout(5_000);
            plain.setHandshakeTimeout(5_000);
            plain.setAutomaticRecoveryEnabled(false);
            assertThatThrownBy(() -> plain.newConnection().close()).isInstanceOf(Exception.class);

            assertThat(instance.consoleUrl()).startsWith("https://localhost:");
            HttpResponse<String> overview = HttpClient.newBuilder().sslContext(trusting).build().send(
                    HttpRequest.newBuilder(URI.create(instance.consoleUrl() + "/api/whoami"))
                            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                    "admin:tls-admin-password".getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(overview.statusCode()).isEqualTo(200);
        }
        assertThat(Files.readString(data.resolve("broker/tls/key.pem"))).isEqualTo(keyPem);
        assertThat(Files.getPosixFilePermissions(data.resolve("broker/tls/key.pem")))
                .containsExactlyInAnyOrderElementsOf(io.wharf.storage.OwnerOnly.FILE);
    }

    /** A self-signed RSA certificate for localhost and 127.0.0.1, made by the JDK's keytool. */
    private static KeyStore selfSignedLocalhost(Path store) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "broker", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(STORE_PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD);
        }
        return keys;
    }

    private static SSLContext trusting(Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("broker", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
