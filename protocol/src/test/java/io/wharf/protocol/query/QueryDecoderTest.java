package io.wharf.protocol.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.model.ServiceModel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.wharf.protocol.TestModels.SNS;
import static io.wharf.protocol.TestModels.SQS;
import static io.wharf.protocol.TestModels.op;
import static io.wharf.protocol.TestModels.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryDecoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode decode(ServiceModel model, String operation, Map<String, String> params) {
        return QueryDecoder.decode(params, op(model, operation).input(), ValidationErrors.DEFAULT);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void createQueueAttributesAndTagsAreFlattenedMapsWithNameValueAndKeyValue() throws Exception {
        ObjectNode tree = decode(SQS, "CreateQueue", params(
                "Action", "CreateQueue", "Version", "2012-11-05", "QueueName", "q1",
                "Attribute.1.Name", "VisibilityTimeout", "Attribute.1.Value", "60",
                "Attribute.2.Name", "DelaySeconds", "Attribute.2.Value", "5",
                "Tag.1.Key", "team", "Tag.1.Value", "core"));
        assertThat(tree).isEqualTo(json("{'QueueName':'q1','Attributes':{'VisibilityTimeout':'60','DelaySeconds':'5'},"
                + "'tags':{'team':'core'}}"));
        List<String> keys = new ArrayList<>();
        tree.get("Attributes").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as("request order is kept").containsExactly("VisibilityTimeout", "DelaySeconds");
    }

    @Test
    void sendMessageAttributesDecodeStringAndBinaryValues() throws Exception {
        ObjectNode tree = decode(SQS, "SendMessage", params(
                "QueueUrl", "http://localhost/000000000000/q1", "MessageBody", "hi & <bye>", "DelaySeconds", "5",
                "MessageAttribute.1.Name", "s", "MessageAttribute.1.Value.DataType", "String",
                "MessageAttribute.1.Value.StringValue", "x",
                "MessageAttribute.2.Name", "b", "MessageAttribute.2.Value.DataType", "Binary",
                "MessageAttribute.2.Value.BinaryValue", "AAH/",
                "MessageSystemAttribute.1.Name", "AWSTraceHeader",
                "MessageSystemAttribute.1.Value.DataType", "String",
                "MessageSystemAttribute.1.Value.StringValue", "Root=1-abc"));
        assertThat(tree.get("MessageBody").asText()).isEqualTo("hi & <bye>");
        assertThat(tree.get("DelaySeconds").isInt()).isTrue();
        assertThat(tree.get("DelaySeconds").intValue()).isEqualTo(5);
        assertThat(tree.at("/MessageAttributes/s")).isEqualTo(json("{'DataType':'String','StringValue':'x'}"));
        JsonNode binary = tree.at("/MessageAttributes/b/BinaryValue");
        assertThat(binary.isBinary()).isTrue();
        assertThat(binary.binaryValue()).containsExactly(0x00, 0x01, 0xFF);
        assertThat(tree.at("/MessageSystemAttributes/AWSTraceHeader/StringValue").asText()).isEqualTo("Root=1-abc");
    }

    @Test
    void sendMessageBatchEntriesAreAFlattenedListOfStructures() throws Exception {
        ObjectNode tree = decode(SQS, "SendMessageBatch", params(
                "QueueUrl", "u",
                "SendMessageBatchRequestEntry.1.Id", "a", "SendMessageBatchRequestEntry.1.MessageBody", "one",
                "SendMessageBatchRequestEntry.2.Id", "b", "SendMessageBatchRequestEntry.2.MessageBody", "two",
                "SendMessageBatchRequestEntry.2.DelaySeconds", "3",
                "SendMessageBatchRequestEntry.2.MessageAttribute.1.Name", "k",
                "SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.DataType", "Number",
                "SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.StringValue", "1"));
        assertThat(tree).isEqualTo(json("{'QueueUrl':'u','Entries':[{'Id':'a','MessageBody':'one'},"
                + "{'Id':'b','MessageBody':'two','DelaySeconds':3,"
                + "'MessageAttributes':{'k':{'DataType':'Number','StringValue':'1'}}}]}"));
    }

    @Test
    void receiveMessageNameListsAreFlattened() throws Exception {
        ObjectNode tree = decode(SQS, "ReceiveMessage", params(
                "QueueUrl", "u", "MaxNumberOfMessages", "10", "WaitTimeSeconds", "20",
                "AttributeName.1", "All", "AttributeName.2", "SentTimestamp",
                "MessageAttributeName.1", "a.*"));
        assertThat(tree).isEqualTo(json("{'QueueUrl':'u','MaxNumberOfMessages':10,'WaitTimeSeconds':20,"
                + "'AttributeNames':['All','SentTimestamp'],'MessageAttributeNames':['a.*']}"));
    }

    @Test
    void addPermissionAccountAndActionLists() throws Exception {
        ObjectNode tree = decode(SQS, "AddPermission", params(
                "QueueUrl", "u", "Label", "l",
                "AWSAccountId.1", "111111111111", "AWSAccountId.2", "222222222222", "ActionName.1", "SendMessage"));
        assertThat(tree).isEqualTo(json("{'QueueUrl':'u','Label':'l','AWSAccountIds':['111111111111','222222222222'],"
                + "'Actions':['SendMessage']}"));
    }

    @Test
    void emptyListParameterDecodesToAnEmptyList() throws Exception {
        ObjectNode tree = decode(SQS, "GetQueueAttributes", params("QueueUrl", "u", "AttributeName", ""));
        assertThat(tree).isEqualTo(json("{'QueueUrl':'u','AttributeNames':[]}"));
        assertThat(decode(SNS, "CreateTopic", params("Name", "t", "Tags", "")))
                .isEqualTo(json("{'Name':'t','Tags':[]}"));
    }

    @Test
    void absentParametersStayAbsent() throws Exception {
        assertThat(decode(SQS, "ReceiveMessage", params("QueueUrl", "u"))).isEqualTo(json("{'QueueUrl':'u'}"));
    }

    @Test
    void listsAndMapsStopAtTheFirstGapInN() throws Exception {
        ObjectNode tree = decode(SQS, "ReceiveMessage", params(
                "QueueUrl", "u", "AttributeName.1", "All", "AttributeName.3", "SentTimestamp"));
        assertThat(tree.get("AttributeNames")).isEqualTo(json("['All']"));
        ObjectNode tags = decode(SQS, "TagQueue", params(
                "QueueUrl", "u", "Tag.1.Key", "a", "Tag.1.Value", "1", "Tag.3.Key", "c", "Tag.3.Value", "3"));
        assertThat(tags.get("Tags")).isEqualTo(json("{'a':'1'}"));
    }

    @Test
    void listStartingAtTwoIsEmpty() throws Exception {
        ObjectNode tree = decode(SQS, "ReceiveMessage", params("QueueUrl", "u", "AttributeName.2", "All"));
        assertThat(tree.get("AttributeNames")).isEqualTo(json("[]"));
    }

    @Test
    void mapEntryWithValueButNoKeyIsMissingTheKey() {
        assertThatThrownBy(() -> decode(SQS, "TagQueue", params("QueueUrl", "u", "Tag.1.Value", "1")))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("MissingParameter");
                    assertThat(e.getMessage()).contains("Tag.1.Key");
                });
    }

    @Test
    void badIntegerIsTheInvalidErrorNamingTheParameter() {
        assertThatThrownBy(() -> decode(SQS, "ReceiveMessage", params("QueueUrl", "u", "MaxNumberOfMessages", "ten")))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidParameterValue");
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("MaxNumberOfMessages").contains("ten");
                });
        assertThatThrownBy(() -> decode(SQS, "SendMessageBatch", params("QueueUrl", "u",
                "SendMessageBatchRequestEntry.1.Id", "a", "SendMessageBatchRequestEntry.1.DelaySeconds", "9999999999")))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.getMessage()).contains("SendMessageBatchRequestEntry.1.DelaySeconds"));
    }

    @Test
    void badBooleanIsInvalid() {
        assertThatThrownBy(() -> decode(SNS, "Subscribe", params("TopicArn", "t", "Protocol", "sqs",
                "ReturnSubscriptionArn", "yes")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void base64WithLineBreaksIsAccepted() throws Exception {
        ObjectNode tree = decode(SQS, "SendMessage", params("QueueUrl", "u", "MessageBody", "b",
                "MessageAttribute.1.Name", "b", "MessageAttribute.1.Value.DataType", "Binary",
                "MessageAttribute.1.Value.BinaryValue", "AAH/\r\nAAH/"));
        assertThat(tree.at("/MessageAttributes/b/BinaryValue").binaryValue()).containsExactly(0, 1, 0xFF, 0, 1, 0xFF);
    }

    @Test
    void badBase64IsInvalid() {
        assertThatThrownBy(() -> decode(SQS, "SendMessage", params("QueueUrl", "u", "MessageBody", "b",
                "MessageAttribute.1.Name", "b", "MessageAttribute.1.Value.DataType", "Binary",
                "MessageAttribute.1.Value.BinaryValue", "%%%")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void snsCreateTopicUsesEntryMapsAndMemberLists() throws Exception {
        ObjectNode tree = decode(SNS, "CreateTopic", params(
                "Action", "CreateTopic", "Name", "orders.fifo",
                "Attributes.entry.1.key", "FifoTopic", "Attributes.entry.1.value", "true",
                "Attributes.entry.2.key", "DisplayName", "Attributes.entry.2.value", "Orders",
                "Tags.member.1.Key", "team", "Tags.member.1.Value", "core",
                "Tags.member.2.Key", "env", "Tags.member.2.Value", "dev"));
        assertThat(tree).isEqualTo(json("{'Name':'orders.fifo','Attributes':{'FifoTopic':'true','DisplayName':'Orders'},"
                + "'Tags':[{'Key':'team','Value':'core'},{'Key':'env','Value':'dev'}]}"));
    }

    @Test
    void snsFlattenedStyleNamesAreNotAcceptedForNonFlattenedShapes() throws Exception {
        ObjectNode tree = decode(SNS, "CreateTopic", params("Name", "t", "Tags.1.Key", "team", "Attributes.1.key", "k"));
        assertThat(tree).isEqualTo(json("{'Name':'t'}"));
    }

    @Test
    void snsSubscribeAndSetSubscriptionAttributes() throws Exception {
        ObjectNode subscribe = decode(SNS, "Subscribe", params(
                "TopicArn", "arn:aws:sns:us-east-1:000000000000:t", "Protocol", "sqs", "Endpoint", "arn:q",
                "Attributes.entry.1.key", "RawMessageDelivery", "Attributes.entry.1.value", "true",
                "ReturnSubscriptionArn", "true"));
        assertThat(subscribe).isEqualTo(json("{'TopicArn':'arn:aws:sns:us-east-1:000000000000:t','Protocol':'sqs',"
                + "'Endpoint':'arn:q','Attributes':{'RawMessageDelivery':'true'},'ReturnSubscriptionArn':true}"));
        ObjectNode set = decode(SNS, "SetSubscriptionAttributes", params(
                "SubscriptionArn", "arn:s", "AttributeName", "FilterPolicy", "AttributeValue", "{\"a\":[\"b\"]}"));
        assertThat(set).isEqualTo(json("{'SubscriptionArn':'arn:s','AttributeName':'FilterPolicy',"
                + "'AttributeValue':'{\\'a\\':[\\'b\\']}'}"));
    }

    @Test
    void snsPublishMessageAttributesUseNameAndValueInsideEntries() throws Exception {
        ObjectNode tree = decode(SNS, "Publish", params(
                "TopicArn", "t", "Message", "m",
                "MessageAttributes.entry.1.Name", "bin", "MessageAttributes.entry.1.Value.DataType", "Binary",
                "MessageAttributes.entry.1.Value.BinaryValue", "aGk="));
        assertThat(tree.at("/MessageAttributes/bin/DataType").asText()).isEqualTo("Binary");
        assertThat(tree.at("/MessageAttributes/bin/BinaryValue").binaryValue())
                .isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
    }
}
