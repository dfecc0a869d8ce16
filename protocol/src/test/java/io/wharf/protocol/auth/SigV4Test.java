package io.wharf.protocol.auth;

import io.wharf.protocol.wire.WireRequest;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigV4Test {
    private static final String SCOPE = "AKIDEXAMPLE/20250101/eu-west-2/sqs/aws4_request";

    private static WireRequest withHeader(String authorization) {
        return new WireRequest("POST", "/", Map.of(), Map.of("authorization", authorization), new byte[0]);
    }

    private static WireRequest presigned(String... namesAndValues) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return new WireRequest("GET", "/", query, Map.of(), new byte[0]);
    }

    private static void incomplete(WireRequest request, String messagePart) {
        assertThatThrownBy(() -> SigV4.identify(request)).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.failure()).isEqualTo(AuthFailure.INCOMPLETE_SIGNATURE);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void headerFormYieldsTheCredentialScope() {
        Credential credential = SigV4.identify(withHeader("AWS4-HMAC-SHA256 Credential=" + SCOPE
                + ", SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64)));
        assertThat(credential).isEqualTo(new Credential("AKIDEXAMPLE", "20250101", "eu-west-2", "sqs"));
    }

    @Test
    void headerFormToleratesMissingSpacesAfterCommas() {
        Credential credential = SigV4.identify(withHeader(
                "AWS4-HMAC-SHA256 Credential=" + SCOPE + ",SignedHeaders=host,Signature=abc"));
        assertThat(credential.region()).isEqualTo("eu-west-2");
    }

    @Test
    void presignedFormYieldsTheCredentialScope() {
        Credential credential = SigV4.identify(presigned("Action", "ListQueues", "X-Amz-Algorithm", "AWS4-HMAC-SHA256",
                "X-Amz-Credential", "AKID/20250102/us-west-1/sns/aws4_request", "X-Amz-Date", "20250102T000000Z",
                "X-Amz-Expires", "300", "X-Amz-SignedHeaders", "host", "X-Amz-Signature", "abc"));
        assertThat(credential).isEqualTo(new Credential("AKID", "20250102", "us-west-1", "sns"));
    }

    @Test
    void noAuthenticationIsAnonymous() {
        assertThat(SigV4.identify(presigned("Action", "ListQueues"))).isNull();
        assertThat(SigV4.identify(withHeader("  "))).isNull();
    }

    @Test
    void headerMissingPartsNamesEachMissingPart() {
        incomplete(withHeader("AWS4-HMAC-SHA256 Credential=" + SCOPE + ", Signature=abc"),
                "Authorization header requires 'SignedHeaders' parameter.");
        incomplete(withHeader("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc"),
                "Authorization header requires 'Credential' parameter.");
        incomplete(withHeader("AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host, Signature="),
                "Authorization header requires 'Signature' parameter.");
        incomplete(withHeader("AWS4-HMAC-SHA256"), "Authorization header requires 'Credential' parameter.");
    }

    @Test
    void presignedMissingPartsAreIncomplete() {
        incomplete(presigned("X-Amz-Algorithm", "AWS4-HMAC-SHA256", "X-Amz-Credential", SCOPE,
                "X-Amz-Date", "20250101T000000Z", "X-Amz-SignedHeaders", "host"), "X-Amz-Signature");
        incomplete(presigned("X-Amz-Algorithm", "AWS4-HMAC-SHA256", "X-Amz-Signature", "abc",
                "X-Amz-Date", "20250101T000000Z", "X-Amz-SignedHeaders", "host"), "X-Amz-Credential");
        incomplete(presigned("X-Amz-Credential", SCOPE), "Unsupported AWS 'algorithm'");
    }

    @Test
    void badScopesAreIncomplete() {
        for (String scope : List.of("AKID/20250101/eu-west-2/sqs", "AKID/2025-01-01/eu-west-2/sqs/aws4_request",
                "AKID/20250101//sqs/aws4_request", "AKID/20250101/eu-west-2//aws4_request",
                "/20250101/eu-west-2/sqs/aws4_request", "AKID/20250101/eu-west-2/sqs/aws4_request/extra",
                "AKID/20250101/eu-west-2/sqs/aws5_request")) {
            incomplete(withHeader("AWS4-HMAC-SHA256 Credential=" + scope + ", SignedHeaders=host, Signature=abc"),
                    "Credential should be scoped to a valid region");
        }
    }

    @Test
    void otherAlgorithmsAreRejected() {
        incomplete(withHeader("AWS4-HMAC-SHA512 Credential=" + SCOPE + ", SignedHeaders=host, Signature=abc"),
                "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'");
        incomplete(withHeader("Bearer token"), "Unsupported AWS 'algorithm': 'Bearer'");
        incomplete(presigned("X-Amz-Algorithm", "AWS4-ECDSA-P256-SHA256", "X-Amz-Credential", SCOPE,
                "X-Amz-Date", "d", "X-Amz-SignedHeaders", "host", "X-Amz-Signature", "s"), "AWS4-ECDSA-P256-SHA256");
        assertThatThrownBy(() -> SigV4.identify(withHeader("AWS AKIDEXAMPLE:c2lnbmF0dXJl")))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_DOES_NOT_MATCH);
                    assertThat(e.getMessage()).contains("Signature Version 2");
                });
    }
}
