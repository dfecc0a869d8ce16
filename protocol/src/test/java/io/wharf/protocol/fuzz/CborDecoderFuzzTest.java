package io.wharf.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wharf.protocol.json.JsonFormat;

/**
 * CBOR 1.1 request bodies (what the Kinesis SDKs send): {@code JsonDecoder} with the CBOR mapper, then the
 * model's {@code Validator} (timestamps in epoch milliseconds). Only AwsExceptions; a valid tree survives
 * {@code JsonEncoder} → decode → validate unchanged. Input: operation name, newline, CBOR body.
 */
class CborDecoderFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void decodeAndValidate(byte[] input) {
        JsonProperty.check(input, JsonFormat.CBOR);
    }
}
