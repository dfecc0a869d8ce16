package io.wharf.protocol.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.Shape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Encodes an operation's output tree as the AWS Query XML response:
 * {@code <OpResponse xmlns=ns><OpResult>...</OpResult><ResponseMetadata><RequestId/></ResponseMetadata></OpResponse>},
 * and errors as {@code <ErrorResponse>}. Lists and maps follow the model's flattened / locationName traits,
 * mirroring {@link QueryDecoder}.
 */
public final class XmlEncoder {
    private XmlEncoder() {
    }

    public static String response(OperationModel operation, JsonNode output, String namespace, String requestId) {
        XmlWriter xml = new XmlWriter();
        String root = operation.name() + "Response";
        xml.open(root, namespace);
        if (operation.output() != null) {
            String wrapper = operation.resultWrapper() != null ? operation.resultWrapper() : operation.name() + "Result";
            xml.open(wrapper);
            if (output != null) {
                structureBody(xml, output, operation.output());
            }
            xml.close(wrapper);
        }
        xml.open("ResponseMetadata").element("RequestId", requestId).close("ResponseMetadata");
        xml.close(root);
        return xml.toString();
    }

    public static String error(AwsException error, String namespace, String requestId) {
        return error(error, namespace, requestId, true);
    }

    /** @param detail whether the error carries an empty {@code <Detail/>} (SQS's do; IAM's and STS's do not) */
    public static String error(AwsException error, String namespace, String requestId, boolean detail) {
        XmlWriter xml = new XmlWriter();
        xml.open("ErrorResponse", namespace).open("Error")
                .element("Type", error.senderFault() ? "Sender" : "Receiver")
                .element("Code", error.code())
                .element("Message", error.queryMessage() == null ? "" : error.queryMessage());
        if (detail) {
            xml.empty("Detail");
        }
        xml.close("Error")
                .element("RequestId", requestId)
                .close("ErrorResponse");
        return xml.toString();
    }

    private static void structureBody(XmlWriter xml, JsonNode value, Shape shape) {
        for (Member member : shape.members().values()) {
            JsonNode child = value.get(member.name());
            if (child != null && !child.isNull()) {
                member(xml, member, child);
            }
        }
    }

    private static void member(XmlWriter xml, Member member, JsonNode value) {
        Shape shape = member.shape();
        switch (shape.type()) {
            case LIST -> list(xml, member, value);
            case MAP -> map(xml, member, value);
            default -> {
                xml.open(member.wireName());
                body(xml, value, shape);
                xml.close(member.wireName());
            }
        }
    }

    private static void body(XmlWriter xml, JsonNode value, Shape shape) {
        switch (shape.type()) {
            case STRUCTURE -> structureBody(xml, value, shape);
            case BLOB -> xml.text(Base64.getEncoder().encodeToString(binary(value)));
            case TIMESTAMP -> xml.text(Instant.ofEpochMilli(value.asLong()).toString());
            case BOOLEAN -> xml.text(value.asBoolean() ? "true" : "false");
            default -> xml.text(value.asText());
        }
    }

    private static void list(XmlWriter xml, Member member, JsonNode value) {
        Member item = member.shape().listMember();
        if (member.isFlattened()) {
            String name = member.locationName() != null ? member.locationName()
                    : item.locationName() != null ? item.locationName() : member.name();
            for (JsonNode element : value) {
                element(xml, name, element, item.shape());
            }
            return;
        }
        String itemName = item.locationName() != null ? item.locationName() : "member";
        xml.open(member.wireName());
        for (JsonNode element : value) {
            element(xml, itemName, element, item.shape());
        }
        xml.close(member.wireName());
    }

    private static void map(XmlWriter xml, Member member, JsonNode value) {
        if (member.isFlattened()) {
            mapEntries(xml, member.shape(), value, member.wireName());
            return;
        }
        xml.open(member.wireName());
        mapEntries(xml, member.shape(), value, "entry");
        xml.close(member.wireName());
    }

    private static void mapEntries(XmlWriter xml, Shape shape, JsonNode value, String entryName) {
        String keyName = shape.mapKey().locationName() != null ? shape.mapKey().locationName() : "key";
        String valueName = shape.mapValue().locationName() != null ? shape.mapValue().locationName() : "value";
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            xml.open(entryName).element(keyName, e.getKey());
            element(xml, valueName, e.getValue(), shape.mapValue().shape());
            xml.close(entryName);
        }
    }

    private static void element(XmlWriter xml, String name, JsonNode value, Shape shape) {
        xml.open(name);
        switch (shape.type()) {
            case LIST -> {
                Member item = shape.listMember();
                for (JsonNode element : value) {
                    element(xml, item.locationName() != null ? item.locationName() : "member", element, item.shape());
                }
            }
            case MAP -> mapEntries(xml, shape, value, "entry");
            default -> body(xml, value, shape);
        }
        xml.close(name);
    }

    private static byte[] binary(JsonNode value) {
        try {
            return value.binaryValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
