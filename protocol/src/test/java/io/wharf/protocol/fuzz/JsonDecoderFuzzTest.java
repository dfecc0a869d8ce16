package io.wharf.protocol.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wharf.protocol.json.JsonFormat;

/**
 * AWS JSON 1.0/1.1 request bodies: {@code JsonDecoder} then the model's {@code Validator} for any SQS or Kinesis
 * operation. Only AwsExceptions; a valid tree survives {@code JsonEncoder} → decode → validate unchanged.
 * Input: operation name, newline, body.
 */
class JsonDecoderFuzzTest {
    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"\"StreamName\"", "\"Timestamp\"", "\"Data\"", "\"QueueUrl\"", "\"Entries\"", "\"Attributes\"",
            "\"MessageAttributes\"", "\"ShardIteratorType\"", "\"Limit\"", "1e999", "-0.0", "null", "true", "[{}]"})
    void decodeAndValidate(byte[] input) {
        JsonProperty.check(input, JsonFormat.JSON);
    }
}
