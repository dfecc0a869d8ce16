package io.wharf.server.http;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * The TLS port's certificate and context: ALPN offering {@code h2} and {@code http/1.1}, TLS 1.2/1.3 with HTTP/2's
 * cipher list. The certificate is the user's (PEM files) or a self-signed one for {@code localhost} and
 * {@code 127.0.0.1}, kept in the data directory so a client can trust it once.
 */
public final class Tls {
    private Tls() {
    }

    /** A server context from a PEM certificate chain and a PEM PKCS#8 private key. */
    public static SslContext fromPem(Path certificateChain, Path privateKey) throws SSLException {
        return configure(SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile()));
    }

    /**
     * A server context with Wharf's self-signed certificate: read from {@code dir} ({@code wharf-tls.crt},
     * {@code wharf-tls.key}) when there, else made and, when {@code dir} is not null, written there.
     */
    public static SslContext selfSigned(Path dir) throws IOException {
        if (dir != null) {
            Path crt = dir.resolve("wharf-tls.crt");
            Path key = dir.resolve("wharf-tls.key");
            if (Files.isRegularFile(crt) && Files.isRegularFile(key)) {
                return fromPem(crt, key);
            }
            String[] pem = makeSelfSigned();
            Files.createDirectories(dir);
            Files.writeString(crt, pem[0], StandardCharsets.US_ASCII);
            Files.writeString(key, pem[1], StandardCharsets.US_ASCII);
            return fromPem(crt, key);
        }
        String[] pem = makeSelfSigned();
        return configure(SslContextBuilder.forServer(
                new java.io.ByteArrayInputStream(pem[0].getBytes(StandardCharsets.US_ASCII)),
                new java.io.ByteArrayInputStream(pem[1].getBytes(StandardCharsets.US_ASCII))));
    }

    /** [certificate PEM, PKCS#8 key PEM] for CN=localhost with SANs localhost and 127.0.0.1, valid ten years. */
    static String[] makeSelfSigned() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=localhost, O=Wharf");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return new String[] {pem("CERTIFICATE", certificate.getEncoded()),
                    pem("PRIVATE KEY", pair.getPrivate().getEncoded())};
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a self-signed certificate", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static SslContext configure(SslContextBuilder builder) throws SSLException {
        return builder.sslProvider(SslProvider.JDK)
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                .build();
    }
}
