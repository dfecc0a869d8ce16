package io.wharf.sns.engine;

import io.wharf.storage.KeySpace;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;
import io.wharf.storage.crypto.MasterKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;

/**
 * The RSA key SNS signs its messages with, and the self-signed X.509 certificate that carries its public key
 * (sns.md §7): SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA, over the "string to sign". The certificate
 * is served unauthenticated at {@link #certificateName()} under the server's URL (the SigningCertURL).
 *
 * <p>Made once per data directory and kept in the store ({@code sns.keys}), so messages signed before a restart
 * still verify after it. The private key is stored wrapped by the master key ({@link MasterKey#wrap}, purpose
 * {@value #PURPOSE}); a record from before wrapping (the key in plain) is rewritten wrapped on start. The name
 * carries a hash of the certificate, as AWS's does.
 */
public final class SigningKey {
    private static final byte[] RECORD = "signing-key".getBytes(StandardCharsets.UTF_8);
    static final String PURPOSE = "sns signing key";

    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final String certificateName;
    private final byte[] pem;

    private SigningKey(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.certificate = certificate;
        try {
            byte[] der = certificate.getEncoded();
            this.certificateName = "SimpleNotificationService-"
                    + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der), 0, 16) + ".pem";
            this.pem = ("-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key of this store, made (and written durably) the first time; a plain one from before wrapping is
     * rewritten wrapped.
     *
     * @throws MasterKey.WrongKeyException when the stored key was wrapped by another master key or altered
     */
    static SigningKey loadOrCreate(Store store, KeySpace keys, MasterKey masterKey) {
        byte[] found = store.get(keys, RECORD);
        if (found != null) {
            var node = Json.read(found);
            if (node.has("wrappedKey")) {
                return decode(masterKey.unwrap(Base64.getDecoder().decode(node.path("wrappedKey").asText()), PURPOSE),
                        node);
            }
            SigningKey plain = decode(Base64.getDecoder().decode(node.path("key").asText()), node);
            store.submit(new WriteBatch().put(keys, RECORD, plain.encode(masterKey))).await();
            return plain;
        }
        SigningKey made = create();
        store.submit(new WriteBatch().put(keys, RECORD, made.encode(masterKey))).await();
        return made;
    }

    static SigningKey create() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=sns.wharf.local, O=Wharf");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new java.security.SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
            byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()))
                    .getEncoded();
            return new SigningKey(pair.getPrivate(), parse(der));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot make the SNS signing key", e);
        }
    }

    private byte[] encode(MasterKey masterKey) {
        try {
            return Json.bytes(Json.MAPPER.createObjectNode()
                    .put("wrappedKey", Base64.getEncoder().encodeToString(masterKey.wrap(privateKey.getEncoded(),
                            PURPOSE)))
                    .put("certificate", Base64.getEncoder().encodeToString(certificate.getEncoded())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SigningKey decode(byte[] pkcs8, com.fasterxml.jackson.databind.JsonNode node) {
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new SigningKey(key, parse(Base64.getDecoder().decode(node.path("certificate").asText())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored SNS signing key is unreadable", e);
        }
    }

    private static X509Certificate parse(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    /** Base64 of the RSA signature: SignatureVersion "2" is SHA256withRSA, anything else "1" (SHA1withRSA). */
    public String sign(String signatureVersion, String stringToSign) {
        try {
            Signature signature = Signature.getInstance("2".equals(signatureVersion) ? "SHA256withRSA" : "SHA1withRSA");
            signature.initSign(privateKey);
            signature.update(stringToSign.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file name of the certificate, {@code SimpleNotificationService-<hash>.pem}. */
    public String certificateName() {
        return certificateName;
    }

    /** The certificate, PEM-encoded. */
    public byte[] pem() {
        return pem.clone();
    }

    public X509Certificate certificate() {
        return certificate;
    }
}
