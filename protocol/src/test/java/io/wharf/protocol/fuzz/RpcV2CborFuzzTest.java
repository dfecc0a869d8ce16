package io.wharf.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wharf.protocol.json.JsonFormat;

/**
 * Smithy RPC v2 CBOR request bodies (what SDK v2 and botocore send CloudWatch): {@code JsonDecoder} with the CBOR
 * mapper, then the model's {@code Validator} with timestamps as tag-1 epoch <em>seconds</em>. Only AwsExceptions; a
 * valid tree survives {@code JsonEncoder} (float64 seconds) → decode → validate unchanged. Input: operation name,
 * newline, CBOR body.
 */
class RpcV2CborFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void decodeAndValidate(byte[] input) {
        JsonProperty.check(input, JsonFormat.RPC_V2_CBOR);
    }
}
