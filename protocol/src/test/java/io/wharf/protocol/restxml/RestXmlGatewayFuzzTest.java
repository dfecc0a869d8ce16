package io.wharf.protocol.restxml;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wharf.protocol.Gateway;
import io.wharf.protocol.GatewaySettings;
import io.wharf.protocol.ServiceGateway;
import io.wharf.protocol.fuzz.FuzzInput;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A whole S3 request through the gateway (authentication off, the fake S3 on the real model): routing, header and
 * query decoding, XML payloads, aws-chunked bodies, validation, encoding. Input: a method line, a request-target
 * line, header lines up to an empty line, then the body. Property: never a 500 — every answer is the client's error,
 * S3's 501 for what is not implemented, or a success.
 */
class RestXmlGatewayFuzzTest {
    private static final FakeS3 S3 = new FakeS3();
    private static final Gateway GATEWAY = new ServiceGateway(List.of(S3),
            new GatewaySettings("000000000000", "us-east-1", "wharf.example:4566"));

    @FuzzTest(maxDuration = "5s")
    void handle(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        int blank = text.indexOf("\n\n");
        String head = blank < 0 ? text : text.substring(0, blank);
        byte[] body = blank < 0 ? new byte[0] : java.util.Arrays.copyOfRange(input, blank + 2, input.length);
        List<String> lines = new FuzzInput(head.getBytes(StandardCharsets.ISO_8859_1)).fields(3);
        String method = lines.get(0).trim().toUpperCase(java.util.Locale.ROOT);
        String target = lines.get(1).trim();
        if (method.isEmpty() || !target.startsWith("/")) {
            return;
        }
        String[] headers = headerPairs(lines.get(2));
        WireRequest request;
        try {
            request = RestXmlGatewayTest.request(method, target, body, headers);
        } catch (IllegalArgumentException unparseableQuery) {
            return; // the front door's decoder would have refused it
        }
        WireResponse response = GATEWAY.handle(request);
        if (response.status() >= 500 && response.status() != 501) {
            throw new AssertionError(method + " " + target + " " + Map.of("headers", List.of(headers)) + " answered "
                    + response.status() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    private static String[] headerPairs(String block) {
        List<String> pairs = new java.util.ArrayList<>();
        for (String line : block.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                pairs.add(line.substring(0, colon).trim());
                pairs.add(line.substring(colon + 1).trim());
            }
        }
        return pairs.toArray(String[]::new);
    }
}
