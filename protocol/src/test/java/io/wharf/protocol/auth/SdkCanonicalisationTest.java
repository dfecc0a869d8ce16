package io.wharf.protocol.auth;

import io.wharf.protocol.wire.WireRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.wharf.protocol.auth.SigV4VerifierTest.CLOCK;
import static io.wharf.protocol.auth.SigV4VerifierTest.KEY;
import static io.wharf.protocol.auth.SigV4VerifierTest.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The canonicalisation edge cases, each signed by the SDK v2 signer and verified. */
class SdkCanonicalisationTest {
    private final FakeCredentialStore store = new FakeCredentialStore().withKey(KEY, SECRET, "000000000000");
    private final SigV4Verifier verifier = new SigV4Verifier(CLOCK);
    private final SdkSigner sdk = new SdkSigner(KEY, SECRET, null, "eu-west-1", "kinesis", CLOCK);

    private void verify(WireRequest request) {
        verifier.verify(request, "kinesis", store, SigningRules.JSON);
    }

    private WireRequest get(String uri) {
        return sdk.sign(SdkHttpMethod.GET, uri, Map.of(), new byte[0], b -> b);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://localhost:4566/a%20b/c",
            "http://localhost:4566/caf%C3%A9/%E2%82%AC",
            "http://localhost:4566/a%2Fb/c",
            "http://localhost:4566/a/./b/../c",
            "http://localhost:4566/a//b/",
            "http://localhost:4566/a/b/..",
            "http://localhost:4566/000000000000/queue-name_1.fifo",
            "http://localhost:4566/x~y/%21%27%28%29%2A",
            "http://localhost:4566/?v=a%2Bb&s=%2A&t=~&sp=x%20y",
            "http://localhost:4566/?b=2&a=&b=1&a=z",
            "http://localhost:4566/?Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=30&QueueName=q%3Aa",
            "http://localhost:4566/?k=%E2%82%AC%20%26%3D%3F",
            "http://localhost:4566/?a-b=1&a=2&a.b=3&a_b=4&A=5",
            "https://kinesis.eu-west-1.amazonaws.com:443/"})
    void pathsAndQueriesSignedByTheSdkVerify(String uri) {
        verify(get(uri));
    }

    @Test
    void headerValuesAreTrimmedAndTheirWhitespaceCollapsed() {
        WireRequest request = sdk.sign(SdkHttpMethod.POST, "http://localhost:4566/",
                Map.of("X-Custom", List.of("  a   b \t c  "), "Content-Type", List.of("application/x-amz-json-1.1")),
                "{}".getBytes(StandardCharsets.UTF_8), b -> b);
        assertThat(request.header("x-custom")).isEqualTo("  a   b \t c  ");
        verify(request);
        // Whitespace runs are not significant; the words are.
        verify(SigV4VerifierTest.withHeader(request, "x-custom", "a b c"));
        assertThatThrownBy(() -> verify(SigV4VerifierTest.withHeader(request, "x-custom", "a bc")))
                .isInstanceOf(AuthException.class);
    }

    @Test
    void repeatedHeadersAreJoinedByCommas() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Repeated", List.of("one", "two", "three"));
        headers.put("Content-Type", List.of("application/x-amz-json-1.1"));
        WireRequest request = sdk.sign(SdkHttpMethod.POST, "http://localhost:4566/", headers,
                "{}".getBytes(StandardCharsets.UTF_8), b -> b);
        assertThat(request.header("x-repeated")).isEqualTo("one,two,three");
        verify(request);
        assertThatThrownBy(() -> verify(SigV4VerifierTest.withHeader(request, "x-repeated", "one,three,two")))
                .isInstanceOf(AuthException.class);
    }

    @Test
    void aPresignedRequestExcludesItsSignatureFromTheCanonicalQuery() {
        WireRequest request = sdk.presign("http://localhost:4566/?Action=ListStreams&Limit=5", Duration.ofMinutes(1));
        assertThat(request.origin().rawQuery()).contains("X-Amz-Signature=");
        verify(request);
        String tampered = request.origin().rawQuery() + "&Extra=1";
        assertThatThrownBy(() -> verify(SdkSigner.wire("GET", "/", tampered, request.headers(), new byte[0])))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_DOES_NOT_MATCH));
    }

    @Test
    void anUnsignedPayloadIsAcceptedAsSuch() {
        WireRequest request = sdk.sign(SdkHttpMethod.POST, "https://localhost:4566/",
                Map.of("Content-Type", List.of("application/x-amz-json-1.1")),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                b -> b.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        assertThat(request.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        verify(request);
        // Unsigned means unsigned: a changed body still verifies.
        verify(SigV4VerifierTest.withBody(request, "{\"a\":2}"));
    }

    @Test
    void aDeclaredPayloadHashMustBeTheBodys() {
        WireRequest request = sdk.sign(SdkHttpMethod.POST, "http://localhost:4566/",
                Map.of("Content-Type", List.of("application/x-amz-json-1.1")),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                b -> b.putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false));
        String declared = SigV4VerifierTest.sha256Hex("{\"a\":1}");
        WireRequest withHash = SigV4VerifierTest.withHeader(request, "x-amz-content-sha256", declared);
        // The header was not signed here, so adding it keeps the signature; only the body check can fail.
        verify(withHash);
        assertThatThrownBy(() -> verify(SigV4VerifierTest.withBody(withHash, "{\"a\":2}")))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_DOES_NOT_MATCH);
                    assertThat(e.getMessage()).isEqualTo(AuthException.SIGNATURE_MISMATCH);
                });
    }
}
