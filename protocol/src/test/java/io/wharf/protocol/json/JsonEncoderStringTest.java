package io.wharf.protocol.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Swar;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.protocol.model.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Long plain ASCII strings take a one-copy path; every string is written exactly as Jackson writes it. */
class JsonEncoderStringTest {
    private static final Shape ATTRIBUTE_VALUE = ServiceModel.fromClasspath("models/dynamodb").shape("AttributeValue");

    private static void assertWrittenAsJacksonWrites(String text) throws Exception {
        ObjectNode tree = JsonNodeFactory.instance.objectNode().put("S", text);
        assertThat(JsonEncoder.encode(tree, ATTRIBUTE_VALUE, JsonFormat.JSON)).as(text)
                .isEqualTo(JsonFormat.JSON.mapper().writeValueAsBytes(tree));
        assertThat(JsonFormat.JSON.mapper().readTree(JsonEncoder.encode(tree, ATTRIBUTE_VALUE, JsonFormat.JSON))
                .get("S").textValue()).isEqualTo(text);
    }

    @Test
    void stringsThatNeedEscapesOrAreNotAsciiAreWrittenAsBefore() throws Exception {
        String plain = "x".repeat(100);
        List<String> texts = new ArrayList<>(List.of(plain, "", "short", plain + "\"", "\\" + plain,
                plain + "\n", plain.substring(0, 70) + "\u0001" + plain, plain + "\u001f", plain + "\u007f",
                plain + "é", plain + "€", plain + "😀", plain + "\u2028", "a".repeat(63), "a".repeat(64),
                "a".repeat(65), plain.substring(0, 63) + "\"", "/" + plain + "</script>", plain + "?",
                plain + "\uD83D", "\uDE00" + plain + "?", "?" + plain + "\uD83D?"));
        Random random = new Random(16);
        String alphabet = "abcXYZ019 /\"\\\n\t\u0000\u001f\u007f~é€😀";
        for (int i = 0; i < 3_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(300);
            for (int j = 0; j < length; j++) {
                // mostly plain characters, now and then one of the interesting ones
                text.append(random.nextInt(50) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) (0x20 + random.nextInt(0x5f)));
            }
            texts.add(text.toString());
        }
        for (String text : texts) {
            assertWrittenAsJacksonWrites(text);
        }
    }

    @Test
    void theScanFindsEveryByteThatNeedsAnEscapeAtEveryPosition() {
        for (int length = 1; length <= 24; length++) {
            for (int at = 0; at < length; at++) {
                for (int special : new int[] {0x00, 0x0a, 0x1f, '"', '\\', 0x80, 0xff}) {
                    byte[] bytes = "a".repeat(length).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    bytes[at] = (byte) special;
                    assertThat(Swar.needsJsonEscape(bytes)).as("0x%02x at %d of %d", special, at, length).isTrue();
                }
                byte[] question = "a".repeat(length).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                question[at] = '?';
                assertThat(Swar.hasQuestionMark(question)).isTrue();
                assertThat(Swar.needsJsonEscape(question)).isFalse();
            }
            byte[] clean = new byte[length];
            for (int i = 0; i < length; i++) {
                clean[i] = (byte) (0x20 + (i * 7) % 0x5f); // every printable ASCII byte, the quote and backslash aside
                if (clean[i] == '"' || clean[i] == '\\') {
                    clean[i] = ' ';
                }
            }
            assertThat(Swar.needsJsonEscape(clean)).as("clean of %d", length).isFalse();
            assertThat(Swar.hasQuestionMark("a".repeat(length).getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                    .isFalse();
        }
    }
}
