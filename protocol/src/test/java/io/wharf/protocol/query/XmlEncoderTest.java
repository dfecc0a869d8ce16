package io.wharf.protocol.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.model.ServiceModel;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.List;

import static io.wharf.protocol.TestModels.SNS;
import static io.wharf.protocol.TestModels.SQS;
import static io.wharf.protocol.TestModels.op;
import static io.wharf.protocol.query.Xml.child;
import static io.wharf.protocol.query.Xml.childNames;
import static io.wharf.protocol.query.Xml.children;
import static io.wharf.protocol.query.Xml.text;
import static org.assertj.core.api.Assertions.assertThat;

class XmlEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SQS_NS = "http://queue.amazonaws.com/doc/2012-11-05/";
    private static final String SNS_NS = "http://sns.amazonaws.com/doc/2010-03-31/";

    private static ObjectNode tree(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    }

    private static Element encode(ServiceModel model, String operation, ObjectNode output) {
        String xml = XmlEncoder.response(op(model, operation), output, model.xmlNamespace(), "req-1");
        Element root = Xml.parse(xml);
        assertThat(root.getLocalName()).isEqualTo(operation + "Response");
        assertThat(root.getNamespaceURI()).isEqualTo(model.xmlNamespace());
        assertThat(text(root, "ResponseMetadata", "RequestId")).isEqualTo("req-1");
        return root;
    }

    private static Element result(ServiceModel model, String operation, ObjectNode output) {
        Element root = encode(model, operation, output);
        assertThat(childNames(root)).containsExactly(operation + "Result", "ResponseMetadata");
        return child(root, operation + "Result");
    }

    @Test
    void receiveMessageFlattensMessagesSystemAttributesAndMessageAttributes() throws Exception {
        Element result = result(SQS, "ReceiveMessage", tree("{'Messages':[{'MessageId':'m1','ReceiptHandle':'rh',"
                + "'MD5OfBody':'md5','Body':'hello','Attributes':{'SentTimestamp':'1700000000000','ApproximateReceiveCount':'1'},"
                + "'MD5OfMessageAttributes':'md5a','MessageAttributes':{'s':{'DataType':'String','StringValue':'x'},"
                + "'b':{'DataType':'Binary','BinaryValue':'AAH/'}}},{'MessageId':'m2','Body':'second'}]}"));
        List<Element> messages = children(result, "Message");
        assertThat(childNames(result)).containsExactly("Message", "Message");
        Element first = messages.get(0);
        assertThat(text(first, "MessageId")).isEqualTo("m1");
        assertThat(text(first, "Body")).isEqualTo("hello");
        List<Element> attributes = children(first, "Attribute");
        assertThat(attributes).hasSize(2);
        assertThat(childNames(attributes.get(0))).containsExactly("Name", "Value");
        assertThat(text(attributes.get(0), "Name")).isEqualTo("SentTimestamp");
        assertThat(text(attributes.get(0), "Value")).isEqualTo("1700000000000");
        List<Element> messageAttributes = children(first, "MessageAttribute");
        assertThat(messageAttributes).hasSize(2);
        assertThat(text(messageAttributes.get(0), "Name")).isEqualTo("s");
        assertThat(text(messageAttributes.get(0), "Value", "StringValue")).isEqualTo("x");
        assertThat(text(messageAttributes.get(0), "Value", "DataType")).isEqualTo("String");
        assertThat(text(messageAttributes.get(1), "Name")).isEqualTo("b");
        assertThat(text(messageAttributes.get(1), "Value", "BinaryValue")).isEqualTo("AAH/");
        assertThat(childNames(messages.get(1))).containsExactly("MessageId", "Body");
    }

    @Test
    void binaryNodesAreWrittenAsBase64() throws Exception {
        ObjectNode output = tree("{'Messages':[{'MessageAttributes':{'b':{'DataType':'Binary'}}}]}");
        ((ObjectNode) output.at("/Messages/0/MessageAttributes/b")).put("BinaryValue", new byte[] {0, 1, (byte) 0xFF});
        Element result = result(SQS, "ReceiveMessage", output);
        assertThat(text(child(result, "Message"), "MessageAttribute", "Value", "BinaryValue")).isEqualTo("AAH/");
    }

    @Test
    void emptyReceiveHasAnEmptyResultElement() throws Exception {
        Element result = result(SQS, "ReceiveMessage", tree("{}"));
        assertThat(children(result)).isEmpty();
        assertThat(children(result(SQS, "ReceiveMessage", null))).isEmpty();
    }

    @Test
    void listQueuesRepeatsQueueUrl() throws Exception {
        Element result = result(SQS, "ListQueues", tree("{'QueueUrls':['http://h/1/a','http://h/1/b'],'NextToken':'n'}"));
        assertThat(childNames(result)).containsExactly("QueueUrl", "QueueUrl", "NextToken");
        assertThat(children(result, "QueueUrl")).extracting(Element::getTextContent)
                .containsExactly("http://h/1/a", "http://h/1/b");
    }

    @Test
    void getQueueAttributesRepeatsAttributeWithNameAndValue() throws Exception {
        Element result = result(SQS, "GetQueueAttributes", tree("{'Attributes':{'VisibilityTimeout':'30','Policy':'{\\'a\\':1}'}}"));
        List<Element> attributes = children(result, "Attribute");
        assertThat(childNames(result)).containsExactly("Attribute", "Attribute");
        assertThat(text(attributes.get(1), "Name")).isEqualTo("Policy");
        assertThat(text(attributes.get(1), "Value")).isEqualTo("{\"a\":1}");
    }

    @Test
    void sendMessageBatchHasSuccessfulAndFailedEntries() throws Exception {
        Element result = result(SQS, "SendMessageBatch", tree("{'Successful':[{'Id':'a','MessageId':'m',"
                + "'MD5OfMessageBody':'d'}],'Failed':[{'Id':'b','SenderFault':true,'Code':'InvalidMessageContents',"
                + "'Message':'bad > char'}]}"));
        assertThat(childNames(result)).containsExactly("SendMessageBatchResultEntry", "BatchResultErrorEntry");
        assertThat(text(result, "SendMessageBatchResultEntry", "MessageId")).isEqualTo("m");
        Element failed = child(result, "BatchResultErrorEntry");
        assertThat(text(failed, "SenderFault")).isEqualTo("true");
        assertThat(text(failed, "Message")).isEqualTo("bad > char");
    }

    @Test
    void operationWithoutOutputHasNoResultElement() {
        Element root = encode(SQS, "DeleteQueue", null);
        assertThat(childNames(root)).containsExactly("ResponseMetadata");
    }

    @Test
    void listQueueTagsRepeatsTagWithKeyAndValue() throws Exception {
        Element result = result(SQS, "ListQueueTags", tree("{'Tags':{'team':'core'}}"));
        assertThat(childNames(child(result, "Tag"))).containsExactly("Key", "Value");
        assertThat(text(result, "Tag", "Key")).isEqualTo("team");
        assertThat(text(result, "Tag", "Value")).isEqualTo("core");
    }

    @Test
    void specialCharactersSurviveAParse() throws Exception {
        String body = "a & b < c > d \" e ' f\r\ng\th\rü€😀 ]]>";
        ObjectNode output = JSON.createObjectNode();
        output.putArray("Messages").addObject().put("Body", body);
        String xml = XmlEncoder.response(op(SQS, "ReceiveMessage"), output, SQS_NS, "r");
        assertThat(xml).contains("&amp;").contains("&lt;").contains("&gt;").doesNotContain("\r").doesNotContain("\t");
        assertThat(text(child(Xml.parse(xml), "ReceiveMessageResult"), "Message", "Body")).isEqualTo(body);
    }

    @Test
    void errorResponseShape() {
        AwsException error = new AwsException("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", 400, true,
                "The specified queue <q> does not exist & more.");
        Element root = Xml.parse(XmlEncoder.error(error, SQS_NS, "req-9"));
        assertThat(root.getLocalName()).isEqualTo("ErrorResponse");
        assertThat(root.getNamespaceURI()).isEqualTo(SQS_NS);
        assertThat(childNames(root)).containsExactly("Error", "RequestId");
        Element e = child(root, "Error");
        assertThat(childNames(e)).containsExactly("Type", "Code", "Message", "Detail");
        assertThat(text(e, "Type")).isEqualTo("Sender");
        assertThat(text(e, "Code")).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        assertThat(text(e, "Message")).isEqualTo("The specified queue <q> does not exist & more.");
        assertThat(text(root, "RequestId")).isEqualTo("req-9");
        Element internal = Xml.parse(XmlEncoder.error(AwsException.internal(), null, "r"));
        assertThat(internal.getNamespaceURI()).isNull();
        assertThat(text(internal, "Error", "Type")).isEqualTo("Receiver");
    }

    @Test
    void snsListTopicsUsesMemberElements() throws Exception {
        Element result = result(SNS, "ListTopics", tree("{'Topics':[{'TopicArn':'arn:1'},{'TopicArn':'arn:2'}],'NextToken':'n'}"));
        assertThat(childNames(result)).containsExactly("Topics", "NextToken");
        Element topics = child(result, "Topics");
        assertThat(childNames(topics)).containsExactly("member", "member");
        assertThat(children(topics)).extracting(m -> text(m, "TopicArn")).containsExactly("arn:1", "arn:2");
        assertThat(result.getNamespaceURI()).isEqualTo(SNS_NS);
    }

    @Test
    void snsGetTopicAttributesUsesEntryKeyValue() throws Exception {
        Element result = result(SNS, "GetTopicAttributes", tree("{'Attributes':{'DisplayName':'D','Owner':'1'}}"));
        Element attributes = child(result, "Attributes");
        assertThat(childNames(attributes)).containsExactly("entry", "entry");
        Element entry = children(attributes).get(0);
        assertThat(childNames(entry)).containsExactly("key", "value");
        assertThat(text(entry, "key")).isEqualTo("DisplayName");
        assertThat(text(entry, "value")).isEqualTo("D");
    }

    @Test
    void snsEmptyNonFlattenedListIsAnEmptyElement() throws Exception {
        Element result = result(SNS, "ListTopics", tree("{'Topics':[]}"));
        assertThat(children(child(result, "Topics"))).isEmpty();
    }
}
