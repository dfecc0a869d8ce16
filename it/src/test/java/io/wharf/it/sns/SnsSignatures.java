package io.wharf.it.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Verifies an SNS message the way a subscriber does (AWS's "Verifying the signatures of Amazon SNS messages"):
 * download the certificate at SigningCertURL without credentials, rebuild the string to sign from the message's
 * own fields in AWS's order, check the RSA signature with SHA1 (SignatureVersion 1) or SHA256 (2).
 */
public final class SnsSignatures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NOTIFICATION_FIELDS = List.of("Message", "MessageId", "Subject", "Timestamp",
            "TopicArn", "Type");
    private static final List<String> CONFIRMATION_FIELDS = List.of("Message", "MessageId", "SubscribeURL",
            "Timestamp", "Token", "TopicArn", "Type");

    private SnsSignatures() {
    }

    public static JsonNode parse(String body) throws IOException {
        return JSON.readTree(body);
    }

    /** True when the message's Signature verifies against the certificate its SigningCertURL serves. */
    static boolean verify(JsonNode message) throws IOException, InterruptedException, GeneralSecurityException {
        X509Certificate certificate = certificate(message.path("SigningCertURL").asText());
        List<String> fields = message.path("Type").asText().equals("Notification") ? NOTIFICATION_FIELDS
                : CONFIRMATION_FIELDS;
        StringBuilder toSign = new StringBuilder();
        for (String field : fields) {
            if (message.hasNonNull(field)) {
                toSign.append(field).append('\n').append(message.get(field).asText()).append('\n');
            }
        }
        Signature signature = Signature.getInstance(
                message.path("SignatureVersion").asText().equals("2") ? "SHA256withRSA" : "SHA1withRSA");
        signature.initVerify(certificate.getPublicKey());
        signature.update(toSign.toString().getBytes(StandardCharsets.UTF_8));
        return signature.verify(Base64.getDecoder().decode(message.path("Signature").asText()));
    }

    static X509Certificate certificate(String url) throws IOException, InterruptedException, GeneralSecurityException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + url + " answered " + response.statusCode());
            }
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(response.body()));
        }
    }

    /** A plain GET, as an endpoint visiting SubscribeURL or UnsubscribeURL does: status and body. */
    public static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
