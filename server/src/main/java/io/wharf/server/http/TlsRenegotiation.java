package io.wharf.server.http;

/**
 * TLS 1.2 client-initiated renegotiation is refused: it lets one client make the server redo expensive handshakes on
 * one connection (a CPU denial of service), and nothing Wharf serves needs it. TLS 1.3 has no renegotiation; TLS 1.2
 * stays enabled because AWS's endpoints and older SDKs use it.
 * <p>
 * The JDK's TLS engine (which Wharf uses, {@link Tls}) reads {@code jdk.tls.rejectClientInitiatedRenegotiation} once,
 * when its server handshake code is first loaded, so this must run before the first TLS connection is accepted: the
 * front door calls it when it binds. It is JVM-wide; an embedding application that set the property itself keeps its
 * value.
 */
final class TlsRenegotiation {
    static final String PROPERTY = "jdk.tls.rejectClientInitiatedRenegotiation";

    private TlsRenegotiation() {
    }

    static void rejectClientInitiated() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }
}
