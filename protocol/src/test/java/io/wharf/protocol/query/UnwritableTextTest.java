package io.wharf.protocol.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.Validator;
import io.wharf.protocol.XmlText;
import io.wharf.protocol.model.Shape;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import static io.wharf.protocol.TestModels.SNS;
import static io.wharf.protocol.TestModels.SQS;
import static io.wharf.protocol.TestModels.op;
import static io.wharf.protocol.query.Xml.child;
import static io.wharf.protocol.query.Xml.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Text XML 1.0 cannot carry: refused on the way in where the service asks, never written raw on the way out. */
class UnwritableTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every code point XML cannot carry that a Java string can hold, sampled: C0 controls, DEL's neighbours, U+FFFE. */
    private static final String[] UNWRITABLE = {"\u0000", "\u0001", "\u0008", "\u000B", "\u000C", "\u001F", "\uFFFE",
            "\uFFFF", "\uD800", "\uDC00"};

    @Test
    void xmlTextKnowsTheXml10CharacterSet() {
        for (String s : UNWRITABLE) {
            assertThat(XmlText.firstUnwritable("ok" + s + "ok")).as(Integer.toHexString(s.codePointAt(0)))
                    .isEqualTo(s.codePointAt(0));
        }
        for (String s : new String[] {"\t", "\n", "\r", " ", "\u007F", "\u0085", "\uD7FF", "\uE000", "\uFFFD",
                "\uD83D\uDE00", "\uDBFF\uDFFF"}) {
            assertThat(XmlText.firstUnwritable("ok" + s + "ok")).as(Integer.toHexString(s.codePointAt(0))).isEqualTo(-1);
        }
    }

    @Test
    void theEncoderNeverWritesUnwritableTextAndKeepsEverythingElse() throws Exception {
        for (String bad : UNWRITABLE) {
            ObjectNode output = JSON.createObjectNode();
            output.putObject("Attributes").put("DisplayName", "a" + bad + "b\t\r\n\uD83D\uDE00<&>\"");
            String xml = XmlEncoder.response(op(SNS, "GetTopicAttributes"), output, SNS.xmlNamespace(), "r");
            Element result = child(Xml.parse(xml), "GetTopicAttributesResult");
            assertThat(text(result, "Attributes", "entry", "value")).isEqualTo("a\uFFFDb\t\r\n\uD83D\uDE00<&>\"");
        }
        AwsException error = AwsException.client("InvalidParameter", "Invalid parameter: \u0001 \uFFFF");
        Element parsed = Xml.parse(XmlEncoder.error(error, SQS.xmlNamespace(), "r"));
        assertThat(text(parsed, "Error", "Message")).isEqualTo("Invalid parameter: \uFFFD \uFFFD");
    }

    /** A service that answers in XML and words the refusal as the default does (a pattern violation). */
    private static final ValidationErrors XML_SERVICE = new ValidationErrors() {
        @Override
        public AwsException missing(String path) {
            return AwsException.client("Missing", path);
        }

        @Override
        public AwsException invalid(String path, Object value, Shape shape, String reason) {
            return AwsException.client("Invalid", path + "|" + reason);
        }

        @Override
        public boolean xmlSafeText() {
            return true;
        }
    };

    private static ObjectNode tree(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void anXmlServiceRefusesUnwritableStringsAndMapKeysWhereverTheyAre() throws Exception {
        String pattern = "Member must satisfy regular expression pattern: " + XmlText.PATTERN;
        assertThatThrownBy(() -> new Validator(XML_SERVICE).validate(
                tree("{\"QueueUrl\":\"u\",\"Tags\":{\"k\":\"v\\u0001\"}}"), op(SQS, "TagQueue").input()))
                .hasMessage("Tags.k|" + pattern);
        assertThatThrownBy(() -> new Validator(XML_SERVICE).validate(
                tree("{\"QueueUrl\":\"u\",\"Tags\":{\"k\\u001f\":\"v\"}}"), op(SQS, "TagQueue").input()))
                .hasMessage("Tags|" + pattern);
        assertThatThrownBy(() -> new Validator(XML_SERVICE).validate(
                tree("{\"Name\":\"t\",\"Attributes\":{\"DisplayName\":\"\\u0001\"}}"), op(SNS, "CreateTopic").input()))
                .hasMessage("Attributes.DisplayName|" + pattern);
        assertThatThrownBy(() -> new Validator(XML_SERVICE).validate(
                tree("{\"TopicArn\":\"a\",\"AttributeName\":\"DisplayName\",\"AttributeValue\":\"x\\uffff\"}"),
                op(SNS, "SetTopicAttributes").input()))
                .hasMessage("AttributeValue|" + pattern);
        // tab, LF, CR and everything else XML carries pass
        new Validator(XML_SERVICE).validate(tree("{\"QueueUrl\":\"u\",\"Tags\":{\"k\":\"\\t\\n\\r\\u007f\\u00e9\\ud83d\\ude00\"}}"),
                op(SQS, "TagQueue").input());
    }

    @Test
    void servicesThatDoNotAnswerInXmlAndMembersWithTheirOwnRuleAreLeftAlone() throws Exception {
        new Validator(ValidationErrors.DEFAULT).validate(tree("{\"QueueUrl\":\"u\",\"Tags\":{\"k\":\"v\\u0001\"}}"),
                op(SQS, "TagQueue").input());
        ValidationErrors ownRule = new ValidationErrors() {
            @Override
            public AwsException missing(String path) {
                return AwsException.client("Missing", path);
            }

            @Override
            public AwsException invalid(String path, Object value, Shape shape, String reason) {
                return AwsException.client("Invalid", path);
            }

            @Override
            public boolean xmlSafeText() {
                return true;
            }

            @Override
            public AwsException unwritableCharacter(String path, Object value, Shape shape) {
                return path.equals("MessageBody") ? null : invalid(path, value, shape, "");
            }
        };
        new Validator(ownRule).validate(tree("{\"QueueUrl\":\"u\",\"MessageBody\":\"\\u0001\"}"),
                op(SQS, "SendMessage").input());
        assertThatThrownBy(() -> new Validator(ownRule).validate(
                tree("{\"QueueUrl\":\"u\\u0001\",\"MessageBody\":\"b\"}"), op(SQS, "SendMessage").input()))
                .hasMessage("QueueUrl");
    }
}
