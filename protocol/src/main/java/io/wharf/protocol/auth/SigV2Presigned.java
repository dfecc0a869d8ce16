package io.wharf.protocol.auth;

import io.wharf.protocol.wire.WireRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * S3's presigned URLs in Signature Version 2 ({@code ?AWSAccessKeyId=…&Expires=…&Signature=…}): what botocore, boto3
 * and the AWS CLI ({@code aws s3 presign}) make by default for S3. The signature is
 * {@code Base64(HMAC-SHA1(secret, StringToSign))} over
 * <pre>
 * METHOD \n Content-MD5 \n Content-Type \n Expires \n [x-amz-name:value \n]… /bucket/raw-path[?sub-resources]
 * </pre>
 * where Content-MD5, Content-Type and {@code x-amz-*} come from the query string (where the presigner moved them) or
 * the headers, and the sub-resources are the query parameters S3 names ({@code uploadId}, {@code partNumber},
 * {@code response-content-type}…), sorted, values decoded (S3 "Authenticating Requests: Query String Authentication";
 * botocore {@code HmacV1QueryAuth}). Only presigned URLs: header-signed Version 2 requests stay refused.
 */
public final class SigV2Presigned {
    /** The query parameters that are part of the signed resource (botocore's {@code QSAOfInterest}). */
    private static final Set<String> SUB_RESOURCES = Set.of("accelerate", "acl", "cors", "defaultObjectAcl",
            "location", "logging", "partNumber", "policy", "requestPayment", "torrent", "versioning", "versionId",
            "versions", "website", "uploads", "uploadId", "response-content-type", "response-content-language",
            "response-expires", "response-cache-control", "response-content-disposition", "response-content-encoding",
            "delete", "lifecycle", "tagging", "restore", "storageClass", "notification", "replication", "analytics",
            "metrics", "inventory", "select", "select-type", "object-lock");

    private SigV2Presigned() {
    }

    /** Whether {@code request} carries a Version 2 presigned signature. */
    public static boolean present(WireRequest request) {
        return request.firstQuery("AWSAccessKeyId") != null && request.firstQuery("Signature") != null;
    }

    /** The access key of a Version 2 presigned request (for routing and unverified modes). */
    public static String accessKeyId(WireRequest request) {
        return request.firstQuery("AWSAccessKeyId");
    }

    /**
     * Verifies a Version 2 presigned request.
     *
     * @param resourcePath the raw path with the bucket in front ({@code /bucket/key}), also for virtual-host requests
     * @return who signed it
     * @throws AuthException when expired, unsigned by a known key, or signed otherwise
     */
    public static Principal verify(WireRequest request, String resourcePath, CredentialStore credentials, Instant now) {
        String expires = request.firstQuery("Expires");
        long expiresSeconds;
        try {
            expiresSeconds = Long.parseLong(expires == null ? "" : expires.trim());
        } catch (NumberFormatException e) {
            throw AuthException.incomplete("Invalid date (should be seconds since epoch): " + expires);
        }
        if (now.getEpochSecond() > expiresSeconds) {
            throw new AuthException(AuthFailure.REQUEST_EXPIRED, "Request has expired");
        }
        String token = request.firstQuery("x-amz-security-token");
        if (token == null) {
            token = request.header("x-amz-security-token");
        }
        CredentialStore.SigningIdentity identity = credentials.find(accessKeyId(request), token, now);
        String stringToSign = stringToSign(request, resourcePath, expires.trim());
        byte[] expected = Base64.getEncoder().encode(hmacSha1(identity.secretAccessKey(), stringToSign));
        // A '+' sent unencoded reads as a space once the query is decoded.
        byte[] given = request.firstQuery("Signature").replace(' ', '+').getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new AuthException(AuthFailure.SIGNATURE_DOES_NOT_MATCH, AuthException.SIGNATURE_MISMATCH
                    + "\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n");
        }
        return identity.principal();
    }

    static String stringToSign(WireRequest request, String resourcePath, String expires) {
        StringBuilder out = new StringBuilder(256);
        out.append(request.method()).append('\n')
                .append(value(request, "content-md5")).append('\n')
                .append(value(request, "content-type")).append('\n')
                .append(expires).append('\n');
        Map<String, String> amz = new TreeMap<>();
        request.headers().forEach((name, value) -> {
            if (name.startsWith("x-amz-")) {
                amz.put(name, value.trim());
            }
        });
        request.query().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-") && !values.isEmpty()) {
                amz.put(lower, values.get(0).trim());
            }
        });
        amz.forEach((name, value) -> out.append(name).append(':').append(value).append('\n'));
        out.append(resourcePath);
        List<String[]> subResources = new ArrayList<>();
        String rawQuery = request.origin().rawQuery();
        if (!rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                String[] parts = pair.split("=", 2);
                if (SUB_RESOURCES.contains(parts[0])) {
                    subResources.add(parts.length == 1 ? parts : new String[] {parts[0], decode(parts[1])});
                }
            }
        }
        if (!subResources.isEmpty()) {
            subResources.sort((a, b) -> a[0].compareTo(b[0]));
            out.append('?');
            for (int i = 0; i < subResources.size(); i++) {
                out.append(i == 0 ? "" : "&").append(String.join("=", subResources.get(i)));
            }
        }
        return out.toString();
    }

    /** A standard header's value: the presigner's query copy, else the header; "" when neither. */
    private static String value(WireRequest request, String name) {
        String value = request.firstQuery(name);
        if (value == null) {
            value = request.header(name);
        }
        return value == null ? "" : value.trim();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static byte[] hmacSha1(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
