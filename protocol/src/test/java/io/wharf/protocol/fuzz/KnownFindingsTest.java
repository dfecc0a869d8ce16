package io.wharf.protocol.fuzz;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.TestModels;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.Validator;
import io.wharf.protocol.json.JsonDecoder;
import io.wharf.protocol.json.JsonFormat;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.query.XmlEncoder;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fuzzers' findings that another piece of issue 12's work owns (see {@link KnownFindings}), as regression tests
 * that stay disabled until that work lands; and the tests of {@link KnownFindings} itself.
 */
class KnownFindingsTest {
    private static final OperationModel GET_SHARD_ITERATOR = TestModels.op(TestModels.KINESIS, "GetShardIterator");

    @ParameterizedTest
    @ValueSource(strings = {"1e999", "-1e999", "50.981e9997"})
    void f1AJsonTimestampPastADoubleIsA400(String number) {
        byte[] body = ("{\"StreamName\":\"s\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"AT_TIMESTAMP\","
                + "\"Timestamp\":" + number + "}").getBytes(StandardCharsets.UTF_8);
        assertRefusedWith400(body, JsonFormat.JSON);
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void f1ACborTimestampThatIsNotFiniteIsA400(double number) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (CBORGenerator out = new CBORFactory().createGenerator(body)) {
            out.writeStartObject();
            out.writeStringField("StreamName", "s");
            out.writeStringField("ShardId", "shardId-000000000000");
            out.writeStringField("ShardIteratorType", "AT_TIMESTAMP");
            out.writeFieldName("Timestamp");
            out.writeNumber(number);
            out.writeEndObject();
        }
        assertRefusedWith400(body.toByteArray(), JsonFormat.CBOR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0001", "a\u0010\tb", "\u0000", "\uFFFE", "x\u001Fy"})
    void f2AnAnswerCarryingACharacterXmlForbidsIsStillWellFormedOrAnAwsError(String text) {
        OperationModel operation = TestModels.op(TestModels.SNS, "GetTopicAttributes");
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.putObject("Attributes").put("DisplayName", text);
        String xml;
        try {
            xml = XmlEncoder.response(operation, output, TestModels.SNS.xmlNamespace(), "request-" + text);
        } catch (AwsException refused) {
            return;
        }
        assertThat(wellFormed(xml)).as(xml).isTrue();
    }

    @Test
    void theXmlPredicateKnowsWhatXmlAllows() {
        assertThat(KnownFindings.hasNonXmlCharacter("tab\t newline\n cr\r é € \uD83D\uDE00 \uFFFD")).isFalse();
        assertThat(KnownFindings.hasNonXmlCharacter("\u0001")).isTrue();
        assertThat(KnownFindings.hasNonXmlCharacter("\uFFFF")).isTrue();
        assertThat(KnownFindings.hasNonXmlCharacter("lone \uDC00")).isTrue();
        assertThat(KnownFindings.hasNonXmlCharacter("end \uD83D")).isTrue();
    }

    @Test
    void theNumberPredicateMatchesOnlyTheNonFiniteBigDecimalFailure() {
        assertThat(KnownFindings.numberFromTheWire(new NumberFormatException("Infinite or NaN"))).isTrue();
        assertThat(KnownFindings.numberFromTheWire(new NumberFormatException("For input string: \"x\""))).isFalse();
        assertThat(KnownFindings.numberFromTheWire(new IllegalStateException("Infinite or NaN"))).isFalse();
    }

    private static void assertRefusedWith400(byte[] body, JsonFormat format) {
        assertThatThrownBy(() -> new Validator(ValidationErrors.DEFAULT, format.timestampsInMillis(), true)
                .validate(JsonDecoder.parse(body, format, ValidationErrors.DEFAULT), GET_SHARD_ITERATOR.input()))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
    }

    private static boolean wellFormed(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
