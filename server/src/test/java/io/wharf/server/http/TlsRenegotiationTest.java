package io.wharf.server.http;

import io.wharf.protocol.wire.WireResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;

/** TLS 1.2 stays available, but a client may not renegotiate on an established connection. */
class TlsRenegotiationTest {
    private HttpFrontDoor frontDoor;

    @AfterEach
    void close() {
        if (frontDoor != null) {
            frontDoor.close();
        }
    }

    private static SSLSocket tls12(int port) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String type) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String type) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        SSLSocket socket = (SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        socket.setSoTimeout(3_000);
        return socket;
    }

    /** One keep-alive request; the status line, or null when the connection ended or broke instead. */
    private static String health(SSLSocket socket) {
        try {
            socket.getOutputStream().write("GET /_wharf/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\r'; b = in.read()) {
                if (b == -1) {
                    return null;
                }
                line.append((char) b);
            }
            in.readNBytes(in.available()); // the rest of this small answer
            return line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    @Test
    void tls12WorksButClientInitiatedRenegotiationIsRefused() throws Exception {
        frontDoor = HttpFrontDoor.bind("127.0.0.1", 0, 0, Tls.selfSigned(null, io.wharf.storage.crypto.MasterKey.ephemeral()), 1024 * 1024);
        frontDoor.open(request -> WireResponse.text(200, "text/plain", "ok"));
        assertThat(System.getProperty(TlsRenegotiation.PROPERTY)).isEqualTo("true");
        try (SSLSocket socket = tls12(frontDoor.tlsPort())) {
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(health(socket)).isEqualTo("HTTP/1.1 200 OK");
            Thread.sleep(200); // let the whole first answer arrive before renegotiating
            socket.getInputStream().readNBytes(socket.getInputStream().available());

            boolean renegotiated;
            try {
                socket.startHandshake(); // on an established TLS 1.2 session: a renegotiation
                renegotiated = health(socket) != null;
            } catch (IOException e) {
                renegotiated = false;
            }
            assertThat(renegotiated).as("the server let the client renegotiate").isFalse();
        }
    }
}
