package io.wharf.it.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.wharf.testkit.RawHttp;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudWatch's other two protocols on the raw wire, signed as the SDKs sign them: AWS JSON 1.0
 * ({@code X-Amz-Target: GraniteServiceVersion20100801.*}) and Query ({@code Action=…&Version=2010-08-01}, XML answers
 * in CloudWatch's namespace) — what older SDKs, the AWS CLI v1 before botocore's CBOR and hand-written clients send.
 * Data put in one protocol is read back in another; errors come in each protocol's form.
 */
class CloudWatchProtocolsIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private static final String NS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String namespace = "Wharf/" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(3));

    private static RawHttp.Response json(String operation, String body) {
        return WHARF.raw().postJson("GraniteServiceVersion20100801." + operation, body, Map.of());
    }

    private static RawHttp.Response query(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Version", "2010-08-01");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return WHARF.raw().postForm("/", params, Map.of());
    }

    private static Element xml(RawHttp.Response response) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
        return document.getDocumentElement();
    }

    private static String text(Element root, String name) {
        return root.getElementsByTagNameNS(NS, name).item(0).getTextContent();
    }

    @Test
    void jsonPutIsReadBackOverQueryAndJson() throws Exception {
        RawHttp.Response put = json("PutMetricData", """
                {"Namespace":"%s","MetricData":[{"MetricName":"Requests","Value":3,"Unit":"Count",
                 "Timestamp":%d,"Dimensions":[{"Name":"Api","Value":"orders"}]},
                {"MetricName":"Requests","Values":[1,2],"Counts":[1,1],"Unit":"Count","Timestamp":%d.5,
                 "Dimensions":[{"Name":"Api","Value":"orders"}]}]}""".formatted(namespace, minute.getEpochSecond(),
                minute.getEpochSecond()));
        assertThat(put.status()).as(put.bodyText()).isEqualTo(200);
        assertThat(put.header("Content-Type")).hasValue("application/x-amz-json-1.0");

        RawHttp.Response viaQuery = query("Action", "GetMetricStatistics", "Namespace", namespace,
                "MetricName", "Requests", "Dimensions.member.1.Name", "Api", "Dimensions.member.1.Value", "orders",
                "StartTime", minute.minusSeconds(600).toString(), "EndTime", minute.plusSeconds(600).toString(),
                "Period", "60", "Statistics.member.1", "Sum", "Statistics.member.2", "SampleCount");
        assertThat(viaQuery.status()).as(viaQuery.bodyText()).isEqualTo(200);
        Element root = xml(viaQuery);
        assertThat(root.getLocalName()).isEqualTo("GetMetricStatisticsResponse");
        assertThat(root.getNamespaceURI()).isEqualTo(NS);
        assertThat(text(root, "Label")).isEqualTo("Requests");
        assertThat(Double.parseDouble(text(root, "Sum"))).isEqualTo(6.0);
        assertThat(Double.parseDouble(text(root, "SampleCount"))).isEqualTo(3.0);
        assertThat(Instant.parse(text(root, "Timestamp"))).isEqualTo(minute);
        assertThat(text(root, "Unit")).isEqualTo("Count");

        RawHttp.Response viaJson = json("GetMetricStatistics", """
                {"Namespace":"%s","MetricName":"Requests","Dimensions":[{"Name":"Api","Value":"orders"}],
                 "StartTime":%d,"EndTime":%d,"Period":60,"Statistics":["Maximum"]}""".formatted(namespace,
                minute.getEpochSecond() - 600, minute.getEpochSecond() + 600));
        JsonNode point = JSON.readTree(viaJson.body()).path("Datapoints").path(0);
        assertThat(point.path("Maximum").asDouble()).isEqualTo(3.0);
        assertThat(point.path("Timestamp").decimalValue().longValue()).isEqualTo(minute.getEpochSecond());
    }

    @Test
    void queryPutIsListedOverRpcV2Cbor() throws Exception {
        RawHttp.Response put = query("Action", "PutMetricData", "Namespace", namespace,
                "MetricData.member.1.MetricName", "Latency", "MetricData.member.1.Value", "12.5",
                "MetricData.member.1.Unit", "Milliseconds", "MetricData.member.1.Dimensions.member.1.Name", "Host",
                "MetricData.member.1.Dimensions.member.1.Value", "a");
        assertThat(put.status()).as(put.bodyText()).isEqualTo(200);
        Element root = xml(put);
        assertThat(root.getLocalName()).isEqualTo("PutMetricDataResponse");
        assertThat(text(root, "RequestId")).isEqualTo(put.header("x-amzn-RequestId").orElseThrow());

        Element listed = xml(query("Action", "ListMetrics", "Namespace", namespace));
        assertThat(listed.getLocalName()).isEqualTo("ListMetricsResponse");
        assertThat(text(listed, "MetricName")).isEqualTo("Latency");
        assertThat(text(listed, "Namespace")).isEqualTo(namespace);
        assertThat(listed.getElementsByTagNameNS(NS, "Dimensions").item(0).getTextContent()).isEqualTo("Hosta");

        ObjectMapper cbor = new ObjectMapper(new CBORFactory());
        RawHttp.Response overCbor = WHARF.raw().post("/service/GraniteServiceVersion20100801/operation/ListMetrics",
                "application/cbor", cbor.writeValueAsBytes(Map.of("Namespace", namespace)),
                Map.of("smithy-protocol", "rpc-v2-cbor", "Accept", "application/cbor"));
        assertThat(overCbor.status()).isEqualTo(200);
        assertThat(overCbor.header("smithy-protocol")).hasValue("rpc-v2-cbor");
        JsonNode metric = cbor.readTree(overCbor.body()).path("Metrics").path(0);
        assertThat(metric.path("MetricName").asText()).isEqualTo("Latency");
        assertThat(metric.path("Dimensions").path(0).path("Name").asText()).isEqualTo("Host");
    }

    @Test
    void errorsInEachProtocolsForm() throws Exception {
        RawHttp.Response jsonError = json("PutMetricData",
                "{\"Namespace\":\"AWS/Lambda\",\"MetricData\":[{\"MetricName\":\"m\",\"Value\":1}]}");
        assertThat(jsonError.status()).isEqualTo(400);
        assertThat(jsonError.header("x-amzn-query-error")).hasValue("InvalidParameterValue;Sender");
        JsonNode body = JSON.readTree(jsonError.body());
        assertThat(body.path("__type").asText())
                .isEqualTo("com.amazonaws.cloudwatch.v2010_08_01#InvalidParameterValueException");
        assertThat(body.path("message").asText()).isEqualTo("The value AWS/Lambda for parameter Namespace is invalid.");

        RawHttp.Response queryError = query("Action", "PutMetricData", "Namespace", namespace,
                "MetricData.member.1.MetricName", "m", "MetricData.member.1.Value", "1",
                "MetricData.member.1.StatisticValues.SampleCount", "1", "MetricData.member.1.StatisticValues.Sum", "1",
                "MetricData.member.1.StatisticValues.Minimum", "1", "MetricData.member.1.StatisticValues.Maximum", "1");
        assertThat(queryError.status()).isEqualTo(400);
        Element root = xml(queryError);
        assertThat(root.getLocalName()).isEqualTo("ErrorResponse");
        assertThat(text(root, "Type")).isEqualTo("Sender");
        assertThat(text(root, "Code")).isEqualTo("InvalidParameterCombination");
        assertThat(text(root, "Message")).isEqualTo("The parameters MetricData.member.1.Value and "
                + "MetricData.member.1.StatisticValues are mutually exclusive and you have specified both.");

        RawHttp.Response missing = query("Action", "PutMetricData");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(text(xml(missing), "Code")).isEqualTo("ValidationError");
        assertThat(text(xml(missing), "Message")).isEqualTo("1 validation error detected: Value null at 'namespace' "
                + "failed to satisfy constraint: Member must not be null");

        RawHttp.Response unknown = query("Action", "NoSuchAction");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(text(xml(unknown), "Code")).isEqualTo("InvalidAction");
    }
}
