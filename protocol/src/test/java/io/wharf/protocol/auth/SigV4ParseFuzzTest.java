package io.wharf.protocol.auth;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wharf.protocol.fuzz.FuzzInput;
import io.wharf.protocol.wire.WireRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SigV4 parsers on hostile requests: {@code SigV4.identify} (the router's reading of the credential scope) and
 * {@code SigV4Verifier.verify} under each family's {@link SigningRules} — the {@code Authorization} header and the
 * presigned query (parameters, signed headers, {@code X-Amz-Date}, {@code X-Amz-Expires}, the scope) and, when a
 * request gets that far, the canonical request of its raw path and query. Only {@link AuthException}s. The clock
 * is the corpus's date, and the key AKIDEXAMPLE is known, so mutated signed requests reach the signature check.
 * Input: method, raw path, raw query, Authorization, X-Amz-Date, Host — one a line — then "name: value" header
 * lines, an empty line and the body.
 */
class SigV4ParseFuzzTest {
    private static final FakeCredentialStore STORE = new FakeCredentialStore()
            .withKey(SigV4VerifierTest.KEY, SigV4VerifierTest.SECRET, "000000000000");
    private static final SigV4Verifier VERIFIER = new SigV4Verifier(SigV4VerifierTest.CLOCK);

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"AWS4-HMAC-SHA256", "Credential=", "SignedHeaders=", "Signature=", "host;x-amz-date",
            "AKIDEXAMPLE/20250115/us-east-1/sqs/aws4_request", "20250115T120000Z", "X-Amz-Algorithm=",
            "X-Amz-Credential=", "X-Amz-Date=", "X-Amz-Expires=", "X-Amz-SignedHeaders=", "X-Amz-Signature=",
            "X-Amz-Security-Token=", "%2F", "/../", "/./", "//"})
    void parseAndVerify(byte[] input) {
        List<String> fields = new FuzzInput(input).fields(7);
        WireRequest request = request(fields);
        try {
            SigV4.identify(request);
        } catch (AuthException expected) {
            // the router renders it
        }
        for (SigningRules rules : List.of(SigningRules.QUERY, SigningRules.JSON, SigningRules.S3)) {
            try {
                VERIFIER.verify(request, "sqs", STORE, rules);
            } catch (AuthException expected) {
                // the gateway renders it
            }
        }
    }

    /** The request as the front door hands it over: lower-case headers, the query decoded, the raw forms kept. */
    static WireRequest request(List<String> fields) {
        Map<String, String> headers = new TreeMap<>();
        put(headers, "authorization", fields.get(3));
        put(headers, "x-amz-date", fields.get(4));
        put(headers, "host", fields.get(5));
        String rest = fields.get(6);
        int blank = rest.indexOf("\n\n");
        String body = blank < 0 ? "" : rest.substring(blank + 2);
        for (String header : (blank < 0 ? rest : rest.substring(0, blank)).split("\n")) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.merge(header.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        header.substring(colon + 1).trim(), (a, b) -> a + "," + b);
            }
        }
        String rawPath = fields.get(1).isEmpty() ? "/" : fields.get(1);
        String rawQuery = fields.get(2);
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (!rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                query.computeIfAbsent(decode(equals < 0 ? pair : pair.substring(0, equals)), n -> new ArrayList<>())
                        .add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return new WireRequest(fields.get(0).isEmpty() ? "POST" : fields.get(0), decode(rawPath), query, headers,
                body.getBytes(StandardCharsets.UTF_8),
                new WireRequest.Origin(rawPath, rawQuery, "127.0.0.1", false));
    }

    private static void put(Map<String, String> headers, String name, String value) {
        if (!value.isEmpty()) {
            headers.put(name, value);
        }
    }

    /** Netty's decoder keeps a malformed escape as it is; so does this. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
