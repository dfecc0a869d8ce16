package io.wharf.protocol.auth;

import io.wharf.protocol.wire.WireRequest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the SigV4 identification of a request: the {@code Authorization} header
 * ({@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}) or the presigned query
 * parameters ({@code X-Amz-Algorithm}, {@code X-Amz-Credential}, ...) for routing: it verifies nothing and
 * only learns access key, region and service, which the router needs before it knows the service.
 * {@link SigV4Verifier} checks the signature and words every failure as AWS does; once the gateway calls it, it
 * returns the same {@link Credential}.
 */
public final class SigV4 {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile("\\d{8}");

    private SigV4() {
    }

    /** The request's credential, or null when the request carries no authentication at all. */
    public static Credential identify(WireRequest request) {
        String authorization = request.header("authorization");
        if (authorization != null && !authorization.isBlank()) {
            return fromHeader(authorization.trim());
        }
        String algorithm = request.firstQuery("X-Amz-Algorithm");
        String credential = request.firstQuery("X-Amz-Credential");
        if (algorithm == null && credential == null) {
            return null;
        }
        if (!ALGORITHM.equals(algorithm)) {
            throw incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'");
        }
        if (credential == null || request.firstQuery("X-Amz-Signature") == null
                || request.firstQuery("X-Amz-Date") == null || request.firstQuery("X-Amz-SignedHeaders") == null) {
            throw incomplete("AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', "
                    + "'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', and 'X-Amz-Expires'. "
                    + "Re-examine the query-string parameters.");
        }
        return parseCredential(credential);
    }

    private static Credential fromHeader(String authorization) {
        int space = authorization.indexOf(' ');
        String algorithm = space < 0 ? authorization : authorization.substring(0, space);
        if (!ALGORITHM.equals(algorithm)) {
            if (algorithm.startsWith("AWS ") || algorithm.equals("AWS")) {
                throw new AuthException(AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                        "Signature Version 2 is not supported; use Signature Version 4.");
            }
            throw incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : authorization.substring(space + 1).split(",")) {
            String trimmed = part.trim();
            int equals = trimmed.indexOf('=');
            if (equals > 0) {
                parts.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
            }
        }
        StringBuilder missing = new StringBuilder();
        for (String required : new String[] {"Credential", "SignedHeaders", "Signature"}) {
            if (!parts.containsKey(required) || parts.get(required).isEmpty()) {
                missing.append("Authorization header requires '").append(required).append("' parameter. ");
            }
        }
        if (!missing.isEmpty()) {
            throw incomplete(missing + "Authorization=" + authorization);
        }
        return parseCredential(parts.get("Credential"));
    }

    private static Credential parseCredential(String credential) {
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty() || !DATE.matcher(scope[1]).matches() || scope[2].isEmpty()
                || scope[3].isEmpty() || !"aws4_request".equals(scope[4])) {
            throw incomplete("Credential should be scoped to a valid region. Credential=" + credential);
        }
        return new Credential(scope[0], scope[1], scope[2], scope[3]);
    }

    private static AuthException incomplete(String message) {
        return AuthException.incomplete(message);
    }
}
