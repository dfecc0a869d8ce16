package io.wharf.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "http://queue.amazonaws.com/doc/2012-11-05/";
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/eu-west-2/sqs/aws4_request, "
            + "SignedHeaders=host, Signature=abc";

    private final AtomicReference<RequestContext> lastContext = new AtomicReference<>();
    private final AtomicReference<Input> lastInput = new AtomicReference<>();

    private final AwsService sqs = new AwsService() {
        @Override
        public ServiceModel model() {
            return TestModels.SQS;
        }

        @Override
        public Map<String, Operation> operations() {
            return Map.of(
                    "ListQueues", (context, input) -> {
                        lastContext.set(context);
                        lastInput.set(input);
                        ObjectNode out = JSON.createObjectNode();
                        out.putArray("QueueUrls").add("http://localhost/000000000000/q&1");
                        return out;
                    },
                    "DeleteQueue", (context, input) -> null,
                    "SendMessage", (context, input) -> JSON.createObjectNode().put("MessageId", "m"),
                    "GetQueueUrl", (context, input) -> {
                        throw new AwsException("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", 400,
                                true, "The specified queue does not exist.");
                    },
                    "PurgeQueue", (context, input) -> {
                        throw new IllegalStateException("secret internal detail");
                    });
        }
    };

    private final Gateway gateway = new ServiceGateway(List.of(sqs), new GatewaySettings("000000000000", "us-east-1", null));

    private static WireRequest json(String operation, String body, String... extraHeaders) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/x-amz-json-1.0");
        if (operation != null) {
            headers.put("x-amz-target", "AmazonSQS." + operation);
        }
        for (int i = 0; i < extraHeaders.length; i += 2) {
            headers.put(extraHeaders[i], extraHeaders[i + 1]);
        }
        return new WireRequest("POST", "/", Map.of(), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static WireRequest form(String body, String... extraHeaders) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/x-www-form-urlencoded; charset=utf-8");
        headers.put("host", "localhost:4566");
        for (int i = 0; i < extraHeaders.length; i += 2) {
            headers.put(extraHeaders[i], extraHeaders[i + 1]);
        }
        return new WireRequest("POST", "/", Map.of(), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode body(WireResponse response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static Element xml(WireResponse response) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder()
                .parse(new InputSource(new StringReader(new String(response.body(), StandardCharsets.UTF_8))))
                .getDocumentElement();
    }

    private static String text(Element element, String path) {
        Element e = element;
        for (String name : path.split("/")) {
            e = (Element) e.getElementsByTagNameNS("*", name).item(0);
            assertThat(e).as("<%s> in %s", name, path).isNotNull();
        }
        return e.getTextContent();
    }

    private static void assertJsonError(WireResponse response, int status, String type, String queryError)
            throws Exception {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.headers()).containsEntry("Content-Type", "application/x-amz-json-1.0");
        assertThat(response.headers().get("x-amzn-RequestId")).isNotBlank();
        assertThat(body(response).path("__type").asText()).isEqualTo(type);
        assertThat(response.headers()).containsEntry("x-amzn-query-error", queryError);
    }

    private static void assertQueryError(WireResponse response, int status, String code) throws Exception {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.headers()).containsEntry("Content-Type", "text/xml");
        Element root = xml(response);
        assertThat(root.getLocalName()).isEqualTo("ErrorResponse");
        assertThat(text(root, "Error/Code")).isEqualTo(code);
        assertThat(text(root, "RequestId")).isEqualTo(response.headers().get("x-amzn-RequestId"));
    }

    @Test
    void jsonSuccess() throws Exception {
        WireResponse response = gateway.handle(json("ListQueues", "{\"QueueNamePrefix\":\"q\"}"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("Content-Type", "application/x-amz-json-1.0");
        assertThat(response.headers().get("x-amzn-RequestId")).isNotBlank();
        assertThat(body(response)).isEqualTo(JSON.readTree("{\"QueueUrls\":[\"http://localhost/000000000000/q&1\"]}"));
        assertThat(lastInput.get().string("QueueNamePrefix")).isEqualTo("q");
        assertThat(lastContext.get().requestId()).isEqualTo(response.headers().get("x-amzn-RequestId"));
    }

    @Test
    void jsonNullOutputIsAnEmptyObject() {
        WireResponse response = gateway.handle(json("DeleteQueue", "{\"QueueUrl\":\"u\"}"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void jsonModelledErrorCarriesTheQueryErrorHeader() throws Exception {
        WireResponse response = gateway.handle(json("GetQueueUrl", "{\"QueueName\":\"nope\"}"));
        assertJsonError(response, 400, "com.amazonaws.sqs#QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue;Sender");
        assertThat(body(response).path("message").asText()).isEqualTo("The specified queue does not exist.");
    }

    @Test
    void jsonUnknownOperation() throws Exception {
        assertJsonError(gateway.handle(json("Frobnicate", "{}")), 400, "com.amazonaws.sqs#UnknownOperationException",
                "InvalidAction;Sender");
    }

    @Test
    void jsonMalformedBodies() throws Exception {
        for (String bad : List.of("{not json", "[1,2]", "\"text\"")) {
            assertJsonError(gateway.handle(json("ListQueues", bad)), 400, "com.amazonaws.sqs#SerializationException",
                    "SerializationException;Sender");
        }
        assertThat(gateway.handle(json("ListQueues", "")).status()).as("empty body is {}").isEqualTo(200);
    }

    @Test
    void jsonMissingRequiredMember() throws Exception {
        WireResponse response = gateway.handle(json("SendMessage", "{\"QueueUrl\":\"u\"}"));
        assertJsonError(response, 400, "com.amazonaws.sqs#MissingParameter", "MissingParameter;Sender");
        assertThat(body(response).path("message").asText()).contains("MessageBody");
    }

    @Test
    void jsonInternalFailureHidesTheCause() throws Exception {
        WireResponse response = gateway.handle(json("PurgeQueue", "{\"QueueUrl\":\"u\"}"));
        assertJsonError(response, 500, "com.amazonaws.sqs#InternalFailure", "InternalFailure;Receiver");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .doesNotContain("secret").doesNotContain("IllegalStateException").doesNotContain("\tat ");
    }

    @Test
    void querySuccessOverAFormBody() throws Exception {
        WireResponse response = gateway.handle(form("Action=ListQueues&Version=2012-11-05&QueueNamePrefix=a%20b"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("Content-Type", "text/xml");
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("<ListQueuesResponse xmlns=\"" + NS + "\">");
        Element root = xml(response);
        assertThat(text(root, "ListQueuesResult/QueueUrl")).isEqualTo("http://localhost/000000000000/q&1");
        assertThat(text(root, "ResponseMetadata/RequestId")).isEqualTo(response.headers().get("x-amzn-RequestId"));
        assertThat(lastInput.get().string("QueueNamePrefix")).isEqualTo("a b");
        assertThat(lastContext.get().host()).isEqualTo("localhost:4566");
    }

    @Test
    void queryGetWithParametersInTheQueryString() throws Exception {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("Action", List.of("ListQueues"));
        query.put("QueueNamePrefix", List.of("pre", "ignored"));
        WireResponse response = gateway.handle(new WireRequest("GET", "/", query, Map.of(), new byte[0]));
        assertThat(response.status()).isEqualTo(200);
        assertThat(xml(response).getLocalName()).isEqualTo("ListQueuesResponse");
        assertThat(lastInput.get().string("QueueNamePrefix")).isEqualTo("pre");
    }

    @Test
    void queryErrors() throws Exception {
        WireResponse notFound = gateway.handle(form("Action=GetQueueUrl&QueueName=nope"));
        assertQueryError(notFound, 400, "AWS.SimpleQueueService.NonExistentQueue");
        assertThat(text(xml(notFound), "Error/Type")).isEqualTo("Sender");
        assertThat(xml(notFound).getNamespaceURI()).isEqualTo(NS);
        assertQueryError(gateway.handle(form("Version=2012-11-05")), 400, "MissingAction");
        assertQueryError(gateway.handle(form("Action=Frobnicate")), 400, "InvalidAction");
        assertQueryError(gateway.handle(form("Action=SendMessage&QueueUrl=u")), 400, "MissingParameter");
        assertQueryError(gateway.handle(form("Action=ReceiveMessage&QueueUrl=u&MaxNumberOfMessages=x")), 400,
                "InvalidParameterValue");
    }

    @Test
    void queryInternalFailureHidesTheCause() throws Exception {
        WireResponse response = gateway.handle(form("Action=PurgeQueue&QueueUrl=u"));
        assertQueryError(response, 500, "InternalFailure");
        assertThat(text(xml(response), "Error/Type")).isEqualTo("Receiver");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("secret").doesNotContain("Exception");
    }

    @Test
    void malformedPercentEncodingIsAClientError() {
        assertThat(gateway.handle(form("Action=ListQueues&QueueNamePrefix=%zz")).status()).isEqualTo(400);
    }

    @Test
    void malformedAuthorizationIsIncompleteSignature() throws Exception {
        String bad = "AWS4-HMAC-SHA256 Credential=AKID/20250101/eu-west-2/sqs, SignedHeaders=host, Signature=abc";
        assertJsonError(gateway.handle(json("ListQueues", "{}", "authorization", bad)), 400,
                "com.amazonaws.sqs#IncompleteSignature", "IncompleteSignature;Sender");
        assertQueryError(gateway.handle(form("Action=ListQueues", "authorization", bad)), 400, "IncompleteSignature");
        assertThat(lastContext.get()).as("the operation never ran").isNull();
    }

    @Test
    void jsonAuthenticationIsCheckedBeforeTheParameters() throws Exception {
        String bad = "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc";
        assertJsonError(gateway.handle(json("SendMessage", "{}", "authorization", bad)), 400,
                "com.amazonaws.sqs#IncompleteSignature", "IncompleteSignature;Sender");
    }

    @Test
    void regionAndAccessKeyComeFromTheCredentialScope() {
        gateway.handle(json("ListQueues", "{}", "authorization", AUTH));
        assertThat(lastContext.get().region()).isEqualTo("eu-west-2");
        assertThat(lastContext.get().accessKeyId()).isEqualTo("AKIDEXAMPLE");
        gateway.handle(form("Action=ListQueues", "authorization", AUTH));
        assertThat(lastContext.get().region()).isEqualTo("eu-west-2");
        gateway.handle(form("Action=ListQueues"));
        assertThat(lastContext.get().region()).as("default region without credentials").isEqualTo("us-east-1");
        assertThat(lastContext.get().accessKeyId()).isNull();
        assertThat(lastContext.get().accountId()).isEqualTo("000000000000");
    }

    /** A ListQueues form request as it arrives on a listener: over TLS or not, with this Host header. */
    private static WireRequest onListener(boolean secure, String host) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/x-www-form-urlencoded; charset=utf-8");
        headers.put("host", host);
        return new WireRequest("POST", "/", Map.of(), headers,
                "Action=ListQueues&Version=2012-11-05".getBytes(StandardCharsets.UTF_8),
                new WireRequest.Origin("/", "", "127.0.0.1", secure));
    }

    private RequestContext contextOf(GatewaySettings settings, WireRequest request) {
        lastContext.set(null);
        WireResponse response = new ServiceGateway(List.of(sqs), settings).handle(request);
        assertThat(response.status()).isEqualTo(200);
        return lastContext.get();
    }

    @Test
    void urlsTakeTheSchemeAndHostOfTheListenerTheRequestCameIn() {
        GatewaySettings byHostHeader = new GatewaySettings("000000000000", "us-east-1", null);
        RequestContext tls = contextOf(byHostHeader, onListener(true, "127.0.0.1:4567"));
        assertThat(tls.scheme() + "://" + tls.host()).isEqualTo("https://127.0.0.1:4567");
        RequestContext plain = contextOf(byHostHeader, onListener(false, "127.0.0.1:4566"));
        assertThat(plain.scheme() + "://" + plain.host()).isEqualTo("http://127.0.0.1:4566");

        GatewaySettings configured = new GatewaySettings("000000000000", "us-east-1", "wharf.internal:4566", null, null,
                null, null, "wharf.internal:4567", null);
        RequestContext configuredTls = contextOf(configured, onListener(true, "evil.example:1"));
        assertThat(configuredTls.scheme() + "://" + configuredTls.host()).isEqualTo("https://wharf.internal:4567");
        RequestContext configuredPlain = contextOf(configured, onListener(false, "evil.example:1"));
        assertThat(configuredPlain.scheme() + "://" + configuredPlain.host()).isEqualTo("http://wharf.internal:4566");

        GatewaySettings proxied = new GatewaySettings("000000000000", "us-east-1", "wharf.internal:4566", null, null,
                null, null, "wharf.internal:4567", "https://sqs.example.com");
        for (boolean secure : new boolean[] {true, false}) {
            RequestContext behindProxy = contextOf(proxied, onListener(secure, "127.0.0.1:4566"));
            assertThat(behindProxy.scheme() + "://" + behindProxy.host()).isEqualTo("https://sqs.example.com");
        }
    }

    @Test
    void aPublicUrlIsSchemeAndAuthorityOnly() {
        for (String bad : new String[] {"sqs.example.com", "ftp://sqs.example.com", "https://a/b", "https://"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GatewaySettings("000000000000", "us-east-1",
                    null, null, null, null, null, null, bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    // ---------------------------------------------------------------- services Wharf does not serve

    private static String scopedTo(String service) {
        return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/" + service + "/aws4_request, "
                + "SignedHeaders=host, Signature=abc";
    }

    @Test
    void aJsonRequestScopedToAnUnservedServiceIsNamedInItsOwnJsonVersion() throws Exception {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/x-amz-json-1.1");
        headers.put("x-amz-target", "Logs_20140328.DescribeLogGroups");
        headers.put("authorization", scopedTo("logs"));
        WireResponse response = gateway.handle(new WireRequest("POST", "/", Map.of(), headers, "{}".getBytes()));
        assertThat(response.status()).isEqualTo(501);
        assertThat(response.headers()).containsEntry("Content-Type", "application/x-amz-json-1.1");
        assertThat(body(response).path("__type").asText()).isEqualTo("NotImplemented");
        assertThat(body(response).path("message").asText()).isEqualTo(
                "Wharf does not serve 'logs' (named by the request's SigV4 credential scope). It serves: sqs.");
    }

    @Test
    void anUnknownTargetPrefixIsNamedRatherThanAnEmptyUnknownOperation() throws Exception {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/x-amz-json-1.0");
        headers.put("x-amz-target", "DynamoDB_20120810.ListTables");
        WireResponse response = gateway.handle(new WireRequest("POST", "/", Map.of(), headers, "{}".getBytes()));
        assertThat(response.status()).isEqualTo(501);
        assertThat(response.headers()).containsEntry("Content-Type", "application/x-amz-json-1.0");
        assertThat(body(response).path("message").asText()).isEqualTo("Wharf does not serve 'DynamoDB_20120810' "
                + "(named by the request's X-Amz-Target header). It serves: sqs.");
    }

    @Test
    void aQueryRequestScopedToAnUnservedServiceGetsAQueryError() throws Exception {
        WireResponse response = gateway.handle(form("Action=DescribeInstances&Version=2016-11-15",
                "authorization", scopedTo("ec2")));
        assertQueryError(response, 501, "NotImplemented");
        assertThat(text(xml(response), "Error/Message")).contains("'ec2'");
    }

    @Test
    void aRestRequestScopedToAnUnservedServiceGetsARestJsonErrorNotAnSqsOne() throws Exception {
        Map<String, String> headers = new HashMap<>();
        headers.put("authorization", scopedTo("lambda"));
        WireResponse response = gateway.handle(new WireRequest("GET", "/2015-03-31/functions/", Map.of(), headers,
                new byte[0]));
        assertThat(response.status()).isEqualTo(501);
        assertThat(response.headers()).containsEntry("x-amzn-ErrorType", "NotImplemented");
        assertThat(response.headers()).containsEntry("Content-Type", "application/json");
        assertThat(body(response).path("message").asText()).startsWith("Wharf does not serve 'lambda'");
    }

    @Test
    void aScopeForAServedServiceIsNotTakenForAnUnservedOne() throws Exception {
        assertThat(gateway.handle(form("Action=ListQueues&Version=2012-11-05", "authorization", AUTH)).status())
                .isNotEqualTo(501);
    }
    @Test
    void anUnsignedRequestToAnAwsEndpointHostOfAnUnservedServiceIsNamedByItsHost() throws Exception {
        Map<String, String> headers = new HashMap<>();
        headers.put("host", "lambda.eu-west-3.amazonaws.com:443");
        WireResponse response = gateway.handle(new WireRequest("GET", "/2015-03-31/functions/", Map.of(), headers,
                new byte[0]));
        assertThat(response.status()).isEqualTo(501);
        assertThat(response.headers()).containsEntry("x-amzn-ErrorType", "NotImplemented");
        assertThat(body(response).path("message").asText()).isEqualTo(
                "Wharf does not serve 'lambda' (named by the request's Host). It serves: sqs.");

        WireResponse query = gateway.handle(form("Action=ListStacks&Version=2010-05-15",
                "host", "cloudformation-fips.us-gov-west-1.amazonaws.com"));
        assertQueryError(query, 501, "NotImplemented");
        assertThat(text(xml(query), "Error/Message")).contains("'cloudformation'");

        WireResponse global = gateway.handle(form("Action=ListRoles&Version=2010-05-08", "host", "iam.amazonaws.com"));
        assertQueryError(global, 501, "NotImplemented");
    }

    @Test
    void hostsThatAreNotAnUnservedAwsEndpointAreRoutedAsBefore() throws Exception {
        for (String host : new String[] {"sqs.us-east-1.amazonaws.com", "lambda.localhost:4566",
                "mybucket.s3.us-east-1.amazonaws.com", "lambda.example.com", "127.0.0.1:4566",
                "lambda.notaregion.amazonaws.com", "a.b.us-east-1.amazonaws.com"}) {
            WireResponse response = gateway.handle(form("Action=ListQueues&Version=2012-11-05", "host", host));
            assertThat(response.status()).as(host).isNotEqualTo(501);
        }
    }

    @Test
    void aSignedRequestIsJudgedByItsScopeNotItsHost() throws Exception {
        assertThat(gateway.handle(form("Action=ListQueues&Version=2012-11-05", "authorization", AUTH,
                "host", "lambda.us-east-1.amazonaws.com")).status()).isNotEqualTo(501);
    }
}
