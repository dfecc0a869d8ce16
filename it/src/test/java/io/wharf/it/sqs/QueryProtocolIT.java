package io.wharf.it.sqs;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The legacy AWS Query protocol (form-encoded requests, XML answers) that SDKs before Nov 2023 and many
 * hand-written clients speak, checked on the raw wire.
 */
class QueryProtocolIT extends SqsTestBase {
    private static final String NS = "http://queue.amazonaws.com/doc/2012-11-05/";
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/sqs/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000";
    private final HttpClient http = HttpClient.newHttpClient();

    private record Reply(int status, Document xml, String text) {
        String first(String tag) {
            NodeList nodes = xml.getElementsByTagNameNS(NS, tag);
            return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
        }
    }

    /**
     * A form POST as a hand-written client sends it: with a credential scope naming SQS (a signature the server
     * checks when it verifies signatures; otherwise one it only reads the scope of).
     */
    private Reply post(String path, Map<String, String> params) throws Exception {
        Map<String, String> headers = WHARF.authMode().verifiesSignatures() ? Map.of() : Map.of("Authorization", AUTH);
        return parse(WHARF.raw().postForm(path, params, headers));
    }

    private Reply parse(io.wharf.testkit.RawHttp.Response response) throws Exception {
        assertThat(response.header("Content-Type").orElse("")).startsWith("text/xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
        return new Reply(response.status(), doc, response.bodyText());
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("Version", "2012-11-05");
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void createSendReceiveDeleteOverQuery() throws Exception {
        String name = unique("query");
        Reply created = post("/", params("Action", "CreateQueue", "QueueName", name,
                "Attribute.1.Name", "VisibilityTimeout", "Attribute.1.Value", "40",
                "Tag.1.Key", "team", "Tag.1.Value", "wharf"));
        assertThat(created.status()).isEqualTo(200);
        Element root = created.xml().getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("CreateQueueResponse");
        assertThat(root.getNamespaceURI()).isEqualTo(NS);
        String url = created.first("QueueUrl");
        assertThat(url).endsWith("/000000000000/" + name);
        assertThat(created.first("RequestId")).isNotBlank();
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("VisibilityTimeout"))
                .attributesAsStrings()).containsEntry("VisibilityTimeout", "40");
        assertThat(sqs.listQueueTags(r -> r.queueUrl(url)).tags()).containsEntry("team", "wharf");

        String body = "a & b < c > d \r\n\ttab";
        Reply sent = post("/", params("Action", "SendMessage", "QueueUrl", url, "MessageBody", body,
                "MessageAttribute.1.Name", "attribName1", "MessageAttribute.1.Value.DataType", "String",
                "MessageAttribute.1.Value.StringValue", "attribValue 1"));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.first("MD5OfMessageAttributes")).isEqualTo("19e27d4e946b072f3f58da80d94fd778");
        assertThat(sent.first("MessageId")).isNotBlank();

        // To the queue URL path, without a QueueUrl parameter, as old clients do.
        Reply received = post(URI.create(url).getPath(), params("Action", "ReceiveMessage",
                "AttributeName.1", "All", "MessageAttributeName.1", "All"));
        assertThat(received.status()).isEqualTo(200);
        assertThat(received.first("Body")).isEqualTo(body);
        assertThat(received.first("MD5OfBody")).isEqualTo(md5(body));
        NodeList attributes = received.xml().getElementsByTagNameNS(NS, "Attribute");
        assertThat(attributes.getLength()).isGreaterThanOrEqualTo(4);
        NodeList messageAttributes = received.xml().getElementsByTagNameNS(NS, "MessageAttribute");
        assertThat(messageAttributes.getLength()).isEqualTo(1);
        Element attribute = (Element) messageAttributes.item(0);
        assertThat(attribute.getElementsByTagNameNS(NS, "Name").item(0).getTextContent()).isEqualTo("attribName1");
        assertThat(attribute.getElementsByTagNameNS(NS, "DataType").item(0).getTextContent()).isEqualTo("String");

        Reply deleted = post("/", params("Action", "DeleteMessage", "QueueUrl", url,
                "ReceiptHandle", received.first("ReceiptHandle")));
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.xml().getDocumentElement().getLocalName()).isEqualTo("DeleteMessageResponse");
        assertThat(deleted.xml().getElementsByTagNameNS(NS, "DeleteMessageResult").getLength()).isZero();
    }

    @Test
    void getWithQueryStringAndFlattenedLists() throws Exception {
        String prefix = unique("qget");
        sqs.createQueue(r -> r.queueName(prefix + "-1"));
        sqs.createQueue(r -> r.queueName(prefix + "-2"));
        Reply listed = parse(WHARF.raw().get("/?Action=ListQueues&Version=2012-11-05&QueueNamePrefix=" + prefix,
                Map.of()));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.xml().getElementsByTagNameNS(NS, "QueueUrl").getLength()).isEqualTo(2);
    }

    @Test
    void batchOverQuery() throws Exception {
        String url = queue("qbatch");
        Reply sent = post("/", params("Action", "SendMessageBatch", "QueueUrl", url,
                "SendMessageBatchRequestEntry.1.Id", "one", "SendMessageBatchRequestEntry.1.MessageBody", "1",
                "SendMessageBatchRequestEntry.2.Id", "two", "SendMessageBatchRequestEntry.2.MessageBody", "bad\u0001"));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.xml().getElementsByTagNameNS(NS, "SendMessageBatchResultEntry").getLength()).isEqualTo(1);
        NodeList failed = sent.xml().getElementsByTagNameNS(NS, "BatchResultErrorEntry");
        assertThat(failed.getLength()).isEqualTo(1);
        Element failure = (Element) failed.item(0);
        assertThat(failure.getElementsByTagNameNS(NS, "Id").item(0).getTextContent()).isEqualTo("two");
        assertThat(failure.getElementsByTagNameNS(NS, "SenderFault").item(0).getTextContent()).isEqualTo("true");
        assertThat(failure.getElementsByTagNameNS(NS, "Code").item(0).getTextContent()).isEqualTo("InvalidMessageContents");
    }

    @Test
    void errorsComeAsErrorResponse() throws Exception {
        Reply missing = post("/", params("Action", "GetQueueUrl", "QueueName", "no-such-queue-xyz"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.xml().getDocumentElement().getLocalName()).isEqualTo("ErrorResponse");
        assertThat(missing.first("Type")).isEqualTo("Sender");
        assertThat(missing.first("Code")).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        assertThat(missing.first("Message")).isEqualTo("The specified queue does not exist for this wsdl version.");
        assertThat(missing.first("RequestId")).isNotBlank();

        Reply unknown = post("/", params("Action", "NoSuchAction"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.first("Code")).isEqualTo("InvalidAction");

        Reply missingParam = post("/", params("Action", "CreateQueue"));
        assertThat(missingParam.status()).isEqualTo(400);
        assertThat(missingParam.first("Code")).isEqualTo("MissingParameter");
        assertThat(missingParam.first("Message")).contains("QueueName");

        Reply badNumber = post("/", params("Action", "ReceiveMessage", "QueueUrl", queue("qbad"),
                "MaxNumberOfMessages", "lots"));
        assertThat(badNumber.status()).isEqualTo(400);
        assertThat(badNumber.first("Code")).isEqualTo("InvalidParameterValue");
    }

    @Test
    void jsonUnknownOperationAndMalformedBody() throws Exception {
        HttpRequest unknown = HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AmazonSQS.NoSuchOperation")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> response = http.send(unknown, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("UnknownOperationException");
        assertThat(response.headers().firstValue("x-amzn-query-error")).hasValue("InvalidAction;Sender");

        HttpRequest malformed = HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AmazonSQS.ListQueues")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build();
        HttpResponse<String> bad = http.send(malformed, HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("__type");

        HttpRequest noTarget = HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThat(http.send(noTarget, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
    }

    private static String md5(String text) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest);
    }
}
