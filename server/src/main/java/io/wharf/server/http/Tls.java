package io.wharf.server.http;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.wharf.storage.crypto.MasterKey;
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
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
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
 * cipher list. The certificate is the user's (PEM files, used where they are, as they are) or a self-signed one for
 * {@code localhost} and {@code 127.0.0.1}, kept in the data directory so a client can trust it once.
 *
 * <p>The self-signed certificate is kept as PEM ({@code wharf-tls.crt}, for clients to trust); its private key only
 * wrapped by the master key ({@code wharf-tls.key.wrapped}, owner-only): {@value #WRAPPED_HEADER}, then the base64 of
 * {@link MasterKey#wrap} of the PKCS#8 key for {@value #KEY_PURPOSE}. A plain {@code wharf-tls.key} that an older
 * Wharf wrote there is wrapped on start and deleted.
 */
public final class Tls {
    public static final String CERTIFICATE_FILE = "wharf-tls.crt";
    static final String WRAPPED_KEY_FILE = "wharf-tls.key.wrapped";
    static final String PLAIN_KEY_FILE = "wharf-tls.key";
    static final String KEY_PURPOSE = "tls private key";
    static final String WRAPPED_HEADER = "WHARF WRAPPED PRIVATE KEY v1";

    private Tls() {
    }

    /** A server context from a PEM certificate chain and a PEM PKCS#8 private key. */
    public static SslContext fromPem(Path certificateChain, Path privateKey) throws SSLException {
        return configure(SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile()));
    }

    /**
     * A server context with Wharf's self-signed certificate: read from {@code dir} ({@code wharf-tls.crt},
     * {@code wharf-tls.key.wrapped}) when there, else made and, when {@code dir} is not null, written there.
     *
     * @param masterKey wraps the private key on disk (unused without {@code dir})
     * @throws MasterKey.WrongKeyException when the key file was wrapped by another master key or altered
     */
    public static SslContext selfSigned(Path dir, MasterKey masterKey) throws IOException {
        String[] pem = dir == null ? makeSelfSigned() : loadOrCreate(dir, masterKey);
        return configure(SslContextBuilder.forServer(
                new java.io.ByteArrayInputStream(pem[0].getBytes(StandardCharsets.US_ASCII)),
                new java.io.ByteArrayInputStream(pem[1].getBytes(StandardCharsets.US_ASCII))));
    }

    /**
     * Wharf's self-signed certificate and PKCS#8 key as PEM text ({@code [certificate, key]}), as {@link #selfSigned}
     * keeps them: for the servers Wharf runs beside its front door (Amazon MQ's brokers' TLS transports).
     */
    public static String[] selfSignedPem(Path dir, MasterKey masterKey) throws IOException {
        return dir == null ? makeSelfSigned() : loadOrCreate(dir, masterKey);
    }

    /** A server context from PEM text: a certificate chain and a PKCS#8 private key. */
    public static SslContext fromPemText(String certificateChain, String privateKey) throws SSLException {
        return configure(SslContextBuilder.forServer(
                new java.io.ByteArrayInputStream(certificateChain.getBytes(StandardCharsets.US_ASCII)),
                new java.io.ByteArrayInputStream(privateKey.getBytes(StandardCharsets.US_ASCII))));
    }

    /** [certificate PEM, key PEM] kept in {@code dir}: read, migrated from a plain key file, or made and written. */
    private static String[] loadOrCreate(Path dir, MasterKey masterKey) throws IOException {
        Path crt = dir.resolve(CERTIFICATE_FILE);
        Path wrapped = dir.resolve(WRAPPED_KEY_FILE);
        Path plain = dir.resolve(PLAIN_KEY_FILE);
        if (Files.isRegularFile(crt) && Files.isRegularFile(wrapped)) {
            String[] pem = {Files.readString(crt, StandardCharsets.US_ASCII), unwrap(wrapped, masterKey)};
            Files.deleteIfExists(plain); // left by a migration interrupted after the wrapped file was in place
            return pem;
        }
        String[] pem;
        if (Files.isRegularFile(crt) && Files.isRegularFile(plain)) {
            pem = new String[] {Files.readString(crt, StandardCharsets.US_ASCII),
                    Files.readString(plain, StandardCharsets.US_ASCII)};
            pkcs8(pem[1]); // refuse to wrap what is not a key
        } else {
            pem = makeSelfSigned();
            Files.createDirectories(dir);
            Files.writeString(crt, pem[0], StandardCharsets.US_ASCII);
        }
        writeOwnerOnly(wrapped, WRAPPED_HEADER + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(masterKey.wrap(pkcs8(pem[1]), KEY_PURPOSE)) + "\n");
        Files.deleteIfExists(plain);
        return pem;
    }

    private static String unwrap(Path file, MasterKey masterKey) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        if (!text.startsWith(WRAPPED_HEADER + "\n")) {
            throw new IOException(file + " is not a wrapped private key");
        }
        byte[] sealed;
        try {
            sealed = Base64.getMimeDecoder().decode(text.substring(WRAPPED_HEADER.length() + 1));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a wrapped private key");
        }
        return pem("PRIVATE KEY", masterKey.unwrap(sealed, KEY_PURPOSE));
    }

    /** The DER of a PEM "PRIVATE KEY" (PKCS#8). */
    private static byte[] pkcs8(String pem) throws IOException {
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException("not a PEM PKCS#8 private key");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IOException("not a PEM PKCS#8 private key");
        }
    }

    /** Writes {@code text} to a new file readable by its owner only, then moves it into place. */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.SYNC);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
