package io.wharf.sqs.engine;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A message's content record: written in one buffer of its own size, and read back whole. */
class ContentRecordTest {
    private static MessageContent content(String body, String trace, String dedup, String source) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("s", MessageAttributeValue.string("String", "value"));
        attributes.put("n", MessageAttributeValue.string("Number.int", "42"));
        attributes.put("b", MessageAttributeValue.binary("Binary", new byte[]{0, 1, 2, 3}));
        return new MessageContent("3f1e2d4c-0000-4000-8000-000000000001", body, attributes, trace, dedup,
                SendCommand.DEFAULT_SENDER, 1_700_000_000_123L, source);
    }

    @Test
    void theHintIsTheSizeOfAnAsciiRecord() {
        for (MessageContent c : new MessageContent[]{
                content("x".repeat(1024), null, null, null),
                content("", "Root=1-abc", "dedup-1", "arn:aws:sqs:us-east-1:000000000000:source"),
                new MessageContent("id", "b", Map.of(), null, null, "AIDA", 0, null)}) {
            byte[] record = SqsStoreLayout.encodeContent(c);
            assertThat(SqsStoreLayout.contentSizeHint(c)).isEqualTo(record.length);
            assertThat(SqsStoreLayout.decodeContent(record)).usingRecursiveComparison().isEqualTo(c);
        }
    }

    @Test
    void nonAsciiTextOutgrowsTheHintAndStillReadsBack() {
        MessageContent c = content("ünïcødé 😀 ".repeat(50), "Root=ü", null, null);
        byte[] record = SqsStoreLayout.encodeContent(c);
        assertThat(record.length).isGreaterThan(SqsStoreLayout.contentSizeHint(c));
        assertThat(SqsStoreLayout.decodeContent(record)).usingRecursiveComparison().isEqualTo(c);
    }
}
