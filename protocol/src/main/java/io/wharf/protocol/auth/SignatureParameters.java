package io.wharf.protocol.auth;

import io.wharf.protocol.wire.WireRequest;

import java.util.List;

/**
 * The SigV4 parameters of a request, from its {@code Authorization} header or its presigned query, with AWS's errors
 * for a request that has neither, both, or an incomplete set (scratchstack's "AWS Auth Error Ordering" rules 5–7;
 * kinesalite {@code test/connection.js} for the Coral JSON ordering, see {@link SigningRules#algorithmFirst()}).
 *
 * @param presigned     true for the query form
 * @param credential    {@code AKID/yyyymmdd/region/service/aws4_request}, unchecked
 * @param signedHeaders {@code host;x-amz-date}, unchecked
 * @param signature     the hex signature as sent
 * @param date          the request time as sent ({@code X-Amz-Date}, else {@code Date} for the header form)
 * @param sessionToken  {@code X-Amz-Security-Token} (header or query), or null
 * @param expires       {@code X-Amz-Expires} of a presigned request, or null
 */
record SignatureParameters(boolean presigned, String credential, String signedHeaders, String signature, String date,
                           String sessionToken, String expires) {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    static SignatureParameters read(WireRequest request, SigningRules rules) {
        String authorization = request.header("authorization");
        boolean header = authorization != null && !authorization.isBlank();
        boolean query = request.query().containsKey("X-Amz-Algorithm");
        if (header && query) {
            throw AuthException.bothForms();
        }
        if (!header && !query) {
            throw AuthException.missing();
        }
        return header ? fromHeader(authorization.trim(), request, rules) : fromQuery(request, rules);
    }

    private static SignatureParameters fromHeader(String authorization, WireRequest request, SigningRules rules) {
        int space = firstSpace(authorization);
        String algorithm = space < 0 ? authorization : authorization.substring(0, space);
        if (rules.algorithmFirst() && !ALGORITHM.equals(algorithm)) {
            throw unsupported(algorithm);
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        int start = space < 0 ? authorization.length() : space + 1;
        while (start < authorization.length()) {
            int end = start;
            while (end < authorization.length() && !separator(authorization.charAt(end))) {
                end++;
            }
            if (end > start) {
                String part = authorization.substring(start, end);
                int equals = part.indexOf('=');
                if (equals <= 0) {
                    if (rules.algorithmFirst()) {
                        throw AuthException.incomplete("'" + part + "' not a valid key=value pair (missing equal-sign) "
                                + "in Authorization header: '" + redacted(authorization) + "'");
                    }
                } else {
                    // A repeated parameter: the last one counts (scratchstack rule 6c).
                    String value = part.substring(equals + 1);
                    switch (part.substring(0, equals)) {
                        case "Credential" -> credential = value;
                        case "SignedHeaders" -> signedHeaders = value;
                        case "Signature" -> signature = value;
                        default -> {
                        }
                    }
                }
            }
            start = end + 1;
        }
        String date = request.header("x-amz-date");
        if (date == null) {
            date = request.header("date");
        }
        StringBuilder missing = new StringBuilder();
        requireParameter(missing, "Credential", credential);
        requireParameter(missing, "Signature", signature);
        requireParameter(missing, "SignedHeaders", signedHeaders);
        if (date == null || date.isBlank()) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (!missing.isEmpty()) {
            throw AuthException.incomplete(missing + "Authorization=" + redacted(authorization));
        }
        if (!ALGORITHM.equals(algorithm)) {
            throw unsupported(algorithm);
        }
        return new SignatureParameters(false, credential, signedHeaders, signature, date,
                request.header("x-amz-security-token"), null);
    }

    private static SignatureParameters fromQuery(WireRequest request, SigningRules rules) {
        String algorithm = request.firstQuery("X-Amz-Algorithm");
        // An unknown algorithm in the query is no authentication at all (scratchstack rule 7a).
        if (rules.algorithmFirst() && !ALGORITHM.equals(algorithm)) {
            throw AuthException.missing();
        }
        StringBuilder missing = new StringBuilder();
        for (String name : List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders",
                "X-Amz-Date")) {
            String value = request.firstQuery(name);
            if (value == null || value.isEmpty()) {
                missing.append("AWS query-string parameters must include '").append(name).append("'. ");
            }
        }
        if (!missing.isEmpty()) {
            throw AuthException.incomplete(missing + "Re-examine the query-string parameters.");
        }
        if (!ALGORITHM.equals(algorithm)) {
            throw AuthException.missing();
        }
        return new SignatureParameters(true, request.firstQuery("X-Amz-Credential"),
                request.firstQuery("X-Amz-SignedHeaders"), request.firstQuery("X-Amz-Signature"),
                request.firstQuery("X-Amz-Date"), request.firstQuery("X-Amz-Security-Token"),
                request.firstQuery("X-Amz-Expires"));
    }

    private static void requireParameter(StringBuilder missing, String name, String value) {
        if (value == null || value.isEmpty()) {
            missing.append("Authorization header requires '").append(name).append("' parameter. ");
        }
    }

    private static AuthException unsupported(String algorithm) {
        return AuthException.incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'.");
    }

    /** AWS echoes the header; Wharf blanks the signature's value first, so no message carries one. */
    static String redacted(String authorization) {
        int at = authorization.indexOf("Signature=");
        if (at < 0) {
            return authorization;
        }
        int from = at + "Signature=".length();
        int end = from;
        while (end < authorization.length() && !separator(authorization.charAt(end))) {
            end++;
        }
        return end == from ? authorization
                : authorization.substring(0, from) + "<redacted>" + authorization.substring(end);
    }

    private static boolean separator(char c) {
        return c == ',' || c == ' ' || c == '\t';
    }

    private static int firstSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ' || text.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}
