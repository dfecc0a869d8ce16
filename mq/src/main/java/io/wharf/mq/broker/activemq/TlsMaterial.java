package io.wharf.mq.broker.activemq;

import io.wharf.mq.broker.BrokerSpec;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import org.apache.activemq.broker.SslContext;

/**
 * The broker's TLS identity from the spec's PEM certificate chain and PKCS#8 key, as the {@link SslContext} ActiveMQ's
 * {@code ssl}, {@code amqp+ssl}, {@code stomp+ssl}, {@code mqtt+ssl} and {@code wss} connectors use (the last hands
 * its key managers to Jetty), and as the key store the web console's Tomcat takes. The key lives only in an in-memory key store with a random password; nothing is
 * written to disk.
 */
final class TlsMaterial {
    private static final Pattern PRIVATE_KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519");

    private TlsMaterial() {
    }

    static SslContext sslContext(KeyMaterial material) throws GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(material.store(), material.password());
        // No trust managers: clients are not asked for certificates (Amazon MQ authenticates them by user name).
        return new SslContext(keyManagers.getKeyManagers(), null, new SecureRandom());
    }

    /** An in-memory key store and its random password, holding the key and chain under the alias {@code broker}. */
    record KeyMaterial(KeyStore store, char[] password) {
    }

    static KeyMaterial keyStore(BrokerSpec.Tls tls) throws GeneralSecurityException {
        Collection<? extends Certificate> chain = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(tls.certificateChainPem().getBytes(StandardCharsets.US_ASCII)));
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("the certificate chain holds no certificate");
        }
        PrivateKey key = privateKey(tls.privateKeyPem());
        char[] password = randomPassword();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException impossible) { // no stream to read
            throw new GeneralSecurityException(impossible);
        }
        store.setKeyEntry("broker", key, password, chain.toArray(Certificate[]::new));
        return new KeyMaterial(store, password);
    }

    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        Matcher matcher = PRIVATE_KEY.matcher(pem);
        if (!matcher.find()) {
            throw new GeneralSecurityException("the private key is not a PKCS#8 PEM (BEGIN PRIVATE KEY)");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(matcher.group(1)));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException notThisOne) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("the private key is neither RSA, EC nor Ed25519");
    }

    static char[] randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).toCharArray();
    }
}
