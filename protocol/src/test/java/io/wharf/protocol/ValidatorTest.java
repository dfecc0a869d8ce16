package io.wharf.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.model.ServiceModel;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static io.wharf.protocol.TestModels.KINESIS;
import static io.wharf.protocol.TestModels.SQS;
import static io.wharf.protocol.TestModels.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final RecordingErrors ENUMS_ON = new RecordingErrors(true);
    private static final RecordingErrors ENUMS_OFF = new RecordingErrors(false);

    private static ObjectNode tree(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    }

    private static ObjectNode validate(ServiceModel model, String operation, String json, RecordingErrors errors)
            throws Exception {
        return new Validator(errors).validate(tree(json), op(model, operation).input());
    }

    private static ObjectNode validate(ServiceModel model, String operation, String json) throws Exception {
        return validate(model, operation, json, ENUMS_ON);
    }

    private static void rejects(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(AwsException.class).hasMessage(message);
    }

    @Test
    void missingRequiredTopLevelMember() {
        rejects(() -> validate(SQS, "SendMessage", "{'QueueUrl':'u'}"), "missing|MessageBody");
        rejects(() -> validate(SQS, "SendMessage", "{'QueueUrl':'u','MessageBody':null}"), "missing|MessageBody");
    }

    @Test
    void missingRequiredNestedMemberNamesItsPath() {
        rejects(() -> validate(SQS, "SendMessageBatch", "{'QueueUrl':'u','Entries':[{'Id':'a','MessageBody':'b'},"
                + "{'MessageBody':'c'}]}"), "missing|Entries.2.Id");
        rejects(() -> validate(SQS, "SendMessage", "{'QueueUrl':'u','MessageBody':'b',"
                + "'MessageAttributes':{'k':{'StringValue':'v'}}}"), "missing|MessageAttributes.k.DataType");
    }

    @Test
    void typeMismatches() {
        rejects(() -> validate(SQS, "SendMessage", "{'QueueUrl':'u','MessageBody':'b','DelaySeconds':'5'}"),
                "invalid|DelaySeconds|\"5\"|NullableInteger|expected an integer");
        rejects(() -> validate(SQS, "SendMessage", "{'QueueUrl':'u','MessageBody':'b','DelaySeconds':1099511627776}"),
                "invalid|DelaySeconds|1099511627776|NullableInteger|expected an integer");
        rejects(() -> validate(SQS, "SendMessage", "{'QueueUrl':7,'MessageBody':'b'}"),
                "invalid|QueueUrl|7|String|expected a string");
        rejects(() -> validate(SQS, "ReceiveMessage", "{'QueueUrl':'u','AttributeNames':'All'}"),
                "invalid|AttributeNames|\"All\"|AttributeNameList|expected a list");
        rejects(() -> validate(SQS, "TagQueue", "{'QueueUrl':'u','Tags':['a']}"),
                "invalid|Tags|[\"a\"]|TagMap|expected a map");
        rejects(() -> validate(SQS, "SendMessageBatch", "{'QueueUrl':'u','Entries':['x']}"),
                "invalid|Entries.1|\"x\"|SendMessageBatchRequestEntry|expected a structure");
        rejects(() -> validate(KINESIS, "PutRecord", "{'Data':true,'PartitionKey':'p'}"),
                "invalid|Data|true|Data|expected base64 text");
    }

    @Test
    void kinesisStreamNameLengthAndPattern() {
        rejects(() -> validate(KINESIS, "CreateStream", "{'StreamName':''}"),
                "invalid|StreamName||StreamName|Member must have length greater than or equal to 1");
        String long129 = "a".repeat(129);
        rejects(() -> validate(KINESIS, "CreateStream", "{'StreamName':'" + long129 + "'}"),
                "invalid|StreamName|" + long129 + "|StreamName|Member must have length less than or equal to 128");
        rejects(() -> validate(KINESIS, "CreateStream", "{'StreamName':'!!!'}"),
                "invalid|StreamName|!!!|StreamName|Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }

    @Test
    void lengthCountsCodePointsNotUtf16Units() throws Exception {
        String astral = "😀".repeat(128);
        assertThat(validate(KINESIS, "PutRecord", "{'Data':'','PartitionKey':'" + "😀".repeat(256) + "'}")).isNotNull();
        rejects(() -> validate(KINESIS, "AddTagsToStream", "{'Tags':{'" + astral + "x':'v'}}"),
                "invalid|Tags|" + astral + "x|TagKey|Member must have length less than or equal to 128");
    }

    @Test
    void patternMustMatchTheWholeValue() {
        rejects(() -> validate(KINESIS, "CreateStream", "{'StreamName':'my stream!'}"),
                "invalid|StreamName|my stream!|StreamName|Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }

    @Test
    void kinesisNumericBoundsNameTheBound() throws Exception {
        rejects(() -> validate(KINESIS, "ListStreams", "{'Limit':0}"),
                "invalid|Limit|0|ListStreamsInputLimit|Member must have value greater than or equal to 1");
        rejects(() -> validate(KINESIS, "ListStreams", "{'Limit':10001}"),
                "invalid|Limit|10001|ListStreamsInputLimit|Member must have value less than or equal to 10000");
        rejects(() -> validate(KINESIS, "CreateStream", "{'StreamName':'s','ShardCount':0}"),
                "invalid|ShardCount|0|PositiveIntegerObject|Member must have value greater than or equal to 1");
        assertThat(validate(KINESIS, "ListStreams", "{'Limit':10000}").get("Limit").intValue()).isEqualTo(10000);
        assertThat(validate(KINESIS, "ListStreams", "{'Limit':1}").get("Limit").intValue()).isEqualTo(1);
    }

    @Test
    void listAndMapSizeBounds() {
        rejects(() -> validate(KINESIS, "PutRecords", "{'Records':[]}"),
                "invalid|Records|[]|PutRecordsRequestEntryList|Member must have length greater than or equal to 1");
        rejects(() -> validate(KINESIS, "AddTagsToStream", "{'Tags':{}}"),
                "invalid|Tags|{}|TagMap|Member must have length greater than or equal to 1");
    }

    @Test
    void enumsAreCheckedOnlyWhenTheServiceAsks() throws Exception {
        String json = "{'StreamName':'s','StreamModeDetails':{'StreamMode':'SOMETIMES'}}";
        rejects(() -> validate(KINESIS, "CreateStream", json, ENUMS_ON),
                "invalid|StreamModeDetails.StreamMode|SOMETIMES|StreamMode|"
                        + "Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]");
        assertThat(validate(KINESIS, "CreateStream", json, ENUMS_OFF).at("/StreamModeDetails/StreamMode").asText())
                .isEqualTo("SOMETIMES");
        assertThat(validate(KINESIS, "CreateStream", "{'StreamName':'s','StreamModeDetails':{'StreamMode':'ON_DEMAND'}}"))
                .isNotNull();
    }

    @Test
    void base64BlobsBecomeBinaryNodes() throws Exception {
        JsonNode data = validate(KINESIS, "PutRecord", "{'Data':'AAH/','PartitionKey':'p'}").get("Data");
        assertThat(data.isBinary()).isTrue();
        assertThat(data.binaryValue()).containsExactly(0, 1, 0xFF);
        JsonNode nested = validate(KINESIS, "PutRecords", "{'Records':[{'Data':'aGk=','PartitionKey':'p'}]}")
                .at("/Records/0/Data");
        assertThat(nested.binaryValue()).isEqualTo("hi".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void base64MayBeWrappedWithWhitespaceButNothingElse() {
        assertThat(Validator.decodeBase64("aGVs\r\nbG8g\td29y bGQ=\u000B\f"))
                .isEqualTo("hello world".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Validator.withoutWhitespace("aGk=")).isSameAs("aGk=").isEqualTo("aGk=");
        assertThat(Validator.withoutWhitespace(" \n")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Validator.decodeBase64("aGk=\u00A0"))
                .as("a non-breaking space is not whitespace to \\s").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidBase64IsRejected() {
        rejects(() -> validate(KINESIS, "PutRecord", "{'Data':'AAH/!!','PartitionKey':'p'}"),
                "invalid|Data|AAH/!!|Data|the value is not valid base64");
    }

    @Test
    void timestampsBecomeEpochMillis() throws Exception {
        String base = "{'ShardId':'s','ShardIteratorType':'AT_TIMESTAMP','Timestamp':";
        assertThat(validate(KINESIS, "GetShardIterator", base + "1700000000.5}").get("Timestamp").longValue())
                .isEqualTo(1_700_000_000_500L);
        assertThat(validate(KINESIS, "GetShardIterator", base + "'2023-11-14T22:13:20.123Z'}").get("Timestamp")
                .longValue()).isEqualTo(1_700_000_000_123L);
        rejects(() -> validate(KINESIS, "GetShardIterator", base + "'yesterday'}"),
                "invalid|Timestamp|\"yesterday\"|Timestamp|expected a timestamp");
    }

    @Test
    void nullMembersAreDroppedAndUnknownMembersIgnored() throws Exception {
        ObjectNode tree = validate(SQS, "SendMessage", "{'QueueUrl':'u','MessageBody':'b','DelaySeconds':null,"
                + "'Surprise':{'x':1},'MessageAttributes':{'k':{'DataType':'String','Extra':1}}}");
        assertThat(tree).isEqualTo(tree("{'QueueUrl':'u','MessageBody':'b','MessageAttributes':{'k':{'DataType':'String'}}}"));
    }

    @Test
    void nullListElementsAndMapValuesAreInvalid() {
        rejects(() -> validate(SQS, "ReceiveMessage", "{'QueueUrl':'u','AttributeNames':['All',null]}"),
                "invalid|AttributeNames|null|AttributeNameList|list members must not be null");
        rejects(() -> validate(SQS, "TagQueue", "{'QueueUrl':'u','Tags':{'a':null}}"),
                "invalid|Tags.a|null|TagMap|map values must not be null");
    }

    @Test
    void nullShapeAcceptsAnything() throws Exception {
        ObjectNode tree = tree("{'a':1}");
        assertThat(new Validator(ENUMS_ON).validate(tree, null)).isSameAs(tree).isEqualTo(tree("{'a':1}"));
    }
    /** XML-safe text as SQS asks for it: MessageBody is the service's own to check, everything else is scanned. */
    private static final class XmlSafeErrors implements ValidationErrors {
        final java.util.List<String> scanned = new java.util.ArrayList<>();

        @Override
        public AwsException missing(String path) {
            return AwsException.client("Missing", "missing|" + path);
        }

        @Override
        public AwsException invalid(String path, Object value, io.wharf.protocol.model.Shape shape, String reason) {
            return AwsException.client("Invalid", "invalid|" + path + "|" + reason);
        }

        @Override
        public boolean xmlSafeText() {
            return true;
        }

        @Override
        public boolean ownCharacterRule(String member) {
            return member.equals("MessageBody");
        }

        @Override
        public AwsException unwritableCharacter(String path, Object value, io.wharf.protocol.model.Shape shape) {
            scanned.add(path);
            return AwsException.client("Unwritable", "unwritable|" + path);
        }
    }

    @Test
    void membersWithTheirOwnCharacterRuleAreNotScanned() throws Exception {
        XmlSafeErrors errors = new XmlSafeErrors();
        ObjectNode body = tree("{'QueueUrl':'u','MessageBody':'a\\u0001b'}");

        new Validator(errors).validate(body, op(SQS, "SendMessage").input());
        assertThat(errors.scanned).isEmpty(); // the engine refuses it, with SQS's own wording
        ObjectNode batch = tree("{'QueueUrl':'u','Entries':[{'Id':'a','MessageBody':'\\u0001'}]}");
        new Validator(errors).validate(batch, op(SQS, "SendMessageBatch").input());
        assertThat(errors.scanned).isEmpty();

        rejects(() -> new Validator(errors).validate(tree("{'QueueUrl':'u\\u0001','MessageBody':'b'}"),
                op(SQS, "SendMessage").input()), "unwritable|QueueUrl");
        rejects(() -> new Validator(errors).validate(tree("{'QueueUrl':'u','MessageBody':'b',"
                + "'MessageAttributes':{'k':{'DataType':'String','StringValue':'v','BinaryValue':null,"
                + "'StringListValues':['\\u0002']}}}"), op(SQS, "SendMessage").input()),
                "unwritable|MessageAttributes.k.StringListValues.1");
        // a map value is scanned whatever its key is called: only members are the service's own
        rejects(() -> new Validator(errors).validate(tree("{'QueueUrl':'u','Tags':{'MessageBody':'\\u0003'}}"),
                op(SQS, "TagQueue").input()), "unwritable|Tags.MessageBody");
    }
}
