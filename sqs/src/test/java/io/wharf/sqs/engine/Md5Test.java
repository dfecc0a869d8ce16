package io.wharf.sqs.engine;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The vectors of sqs.md §3.10. */
class Md5Test {
    private static final MessageAttributeValue STRING = MessageAttributeValue.string("String", "attribValue 1");
    private static final MessageAttributeValue NUMBER = MessageAttributeValue.string("Number.float",
            "4563442423554324324264524243.32543234");
    private static final MessageAttributeValue BINARY = MessageAttributeValue.binary("Binary",
            "Hello binary world!".getBytes(StandardCharsets.UTF_8));

    @Test
    void body() {
        assertThat(Md5.ofBody("hello")).isEqualTo("5d41402abc4b2a76b9719d911017c592");
    }

    @Test
    void singleAttributes() {
        assertThat(Md5.ofAttributes(Map.of("attribName1", STRING))).isEqualTo("19e27d4e946b072f3f58da80d94fd778");
        assertThat(Md5.ofAttributes(Map.of("customNumberTypeAttrib", NUMBER)))
                .isEqualTo("9fe1b90bbd9965bdf77bac517c7d2495");
        assertThat(Md5.ofAttributes(Map.of("binaryAttribute", BINARY))).isEqualTo("31a92b15d92f8db860eda32aceb656c3");
    }

    @Test
    void allThreeInAnyOrder() {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("customNumberTypeAttrib", NUMBER);
        attributes.put("binaryAttribute", BINARY);
        attributes.put("attribName1", STRING);
        assertThat(Md5.ofAttributes(attributes)).isEqualTo("c932db14a896c663f83c260297d594ff");
    }

    @Test
    void systemAttributes() {
        assertThat(Md5.ofAttributes(Map.of("AWSTraceHeader", MessageAttributeValue.string("String",
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"))))
                .isEqualTo("5ae4d5d7636402d80f4eb6d213245a88");
    }

    @Test
    void noAttributesNoDigest() {
        assertThat(Md5.ofAttributes(Map.of())).isNull();
    }
}
