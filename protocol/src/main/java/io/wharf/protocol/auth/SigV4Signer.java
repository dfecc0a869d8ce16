package io.wharf.protocol.auth;

import io.wharf.protocol.wire.WireRequest;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Signs an outgoing request with SigV4 (header form), for the calls Wharf itself makes to another AWS-compatible
 * endpoint (Firehose delivering into an external S3). It is the mirror of {@link SigV4Verifier}: the same canonical
 * request ({@link CanonicalRequest#build}, so what Wharf signs is exactly what Wharf's verifier would check) and the
 * same signing keys ({@link SigningKeys}), so there is one SigV4 in the project, not two.
 *
 * <p>The caller gives the request's raw (already %-encoded) path and query, the headers to sign ({@code host}
 * among them, as the HTTP client will send it) and the payload hash; {@link #sign} adds {@code x-amz-date} (and, with
 * S3's rules, {@code x-amz-content-sha256}) and returns the headers to send with {@code Authorization} last. The
 * secret never leaves this object: {@link #toString()} names the key id only.
 */
public final class SigV4Signer {
    private static final HexFormat HEX = HexFormat.of();
    /** The payload hash S3 accepts when the body is not hashed (S3 only; the transport must protect the body). */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String region;
    private final String service;
    private final SigningRules rules;
    private final SigningKeys signingKeys = new SigningKeys();

    /**
     * @param service the signing name ({@code s3}, {@code sqs}, …)
     * @param rules   how the service canonicalises the path: {@link SigningRules#S3} (single encoding, no
     *                normalisation, {@code x-amz-content-sha256} sent) or the others
     */
    public SigV4Signer(String accessKeyId, String secretAccessKey, String region, String service, SigningRules rules) {
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        this.region = Objects.requireNonNull(region, "region");
        this.service = Objects.requireNonNull(service, "service");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * The headers to send: {@code headers} (names lower-cased) plus {@code x-amz-date}, {@code x-amz-content-sha256}
     * (S3's rules) and {@code authorization}. Every header given is signed.
     *
     * @param rawPath     the path exactly as it will be sent ({@code /bucket/a%20key}), %-encoded
     * @param rawQuery    the query string as it will be sent, without '?'; "" for none
     * @param headers     the headers to sign; must hold {@code host} (host[:port] as the client sends it)
     * @param payloadHash the body's SHA-256 in lower-case hex, or {@link #UNSIGNED_PAYLOAD}
     * @param now         the signing time (the injected clock's)
     */
    public Map<String, String> sign(String method, String rawPath, String rawQuery, Map<String, String> headers,
                                    String payloadHash, Instant now) {
        Map<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value));
        if (!signed.containsKey("host")) {
            throw new IllegalArgumentException("the host header must be signed");
        }
        String amzDate = AmzDate.basic(now);
        String date = amzDate.substring(0, 8);
        signed.put("x-amz-date", amzDate);
        if (rules.contentSha256Header()) {
            signed.put("x-amz-content-sha256", payloadHash);
        }
        List<String> names = new ArrayList<>(signed.keySet());
        WireRequest request = new WireRequest(method, rawPath, Map.of(), signed, new byte[0],
                new WireRequest.Origin(rawPath, rawQuery, null, false));
        String canonicalRequest = CanonicalRequest.build(request, rules, false, names, payloadHash);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = SigV4.ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        Mac mac = signingKeys.signer(accessKeyId + "/" + scope, secretAccessKey, date, region, service);
        String signature = HEX.formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> out = new LinkedHashMap<>(signed);
        out.put("authorization", SigV4.ALGORITHM + " Credential=" + accessKeyId + "/" + scope + ",SignedHeaders="
                + String.join(";", names) + ",Signature=" + signature);
        return out;
    }

    /** The lower-case hex SHA-256 of {@code data} (a payload hash). */
    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(sha256(data));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "SigV4Signer[" + accessKeyId + ", " + region + ", " + service + "]"; // never the secret
    }
}
