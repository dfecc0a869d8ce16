package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.SqsErrors;
import io.wharf.sqs.engine.BatchResult;
import io.wharf.sqs.engine.MessageAttributeValue;
import io.wharf.sqs.engine.QueueId;
import io.wharf.sqs.engine.QueuePage;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** What the operations share: queue URLs both ways, message attributes both ways, batch and page outputs. */
final class Wire {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Wire() {
    }

    /** {@code scheme://host/account/name}: the host as the caller addressed us, so URLs work from anywhere. */
    static String url(RequestContext ctx, QueueId id) {
        return ctx.scheme() + "://" + ctx.host() + "/" + id.accountId() + "/" + id.name();
    }

    /** The queue a QueueUrl names: account and name from the last two path segments, or a bare queue name. */
    static QueueId queue(RequestContext ctx, Input input) {
        String url = input.string("QueueUrl");
        if (url == null || url.isEmpty()) {
            throw SqsErrors.missingParameter("QueueUrl");
        }
        return parse(ctx, url);
    }

    static QueueId parse(RequestContext ctx, String url) {
        String path = url;
        if (url.contains("://")) {
            try {
                path = URI.create(url).getPath();
            } catch (IllegalArgumentException e) {
                throw SqsErrors.queueDoesNotExist();
            }
        }
        int query = path == null ? -1 : path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String[] segments = path == null ? new String[0]
                : java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        return switch (segments.length) {
            case 0 -> throw SqsErrors.queueDoesNotExist();
            case 1 -> new QueueId(ctx.accountId(), ctx.region(), segments[0]);
            default -> new QueueId(segments[segments.length - 2], ctx.region(), segments[segments.length - 1]);
        };
    }

    static Map<String, MessageAttributeValue> attributes(Input input, String member) {
        Map<String, MessageAttributeValue> result = new LinkedHashMap<>();
        input.structMap(member).forEach((name, value) -> result.put(name, new MessageAttributeValue(
                value.string("DataType"), value.string("StringValue"), value.bytes("BinaryValue"))));
        return result;
    }

    static ObjectNode attributesNode(Map<String, MessageAttributeValue> attributes) {
        ObjectNode node = JSON.objectNode();
        attributes.forEach((name, value) -> {
            ObjectNode v = node.putObject(name);
            if (value.binaryValue() != null) {
                v.set("BinaryValue", JSON.binaryNode(value.binaryValue()));
            } else {
                v.put("StringValue", value.stringValue());
            }
            v.put("DataType", value.dataType());
        });
        return node;
    }

    static ObjectNode stringMap(Map<String, String> map) {
        ObjectNode node = JSON.objectNode();
        map.forEach(node::put);
        return node;
    }

    static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    /** Successful and Failed are always both present, as AWS sends them. */
    static <R> ObjectNode batch(BatchResult<R> result, BiConsumer<ObjectNode, R> success) {
        ObjectNode out = JSON.objectNode();
        ArrayNode ok = out.putArray("Successful");
        for (BatchResult.Success<R> s : result.successful()) {
            ObjectNode entry = ok.addObject().put("Id", s.id());
            success.accept(entry, s.result());
        }
        ArrayNode failed = out.putArray("Failed");
        for (BatchResult.Failure f : result.failed()) {
            failed.addObject().put("Id", f.id()).put("SenderFault", f.senderFault()).put("Code", f.code())
                    .put("Message", f.message());
        }
        return out;
    }

    static ObjectNode page(RequestContext ctx, QueuePage page, String member) {
        ObjectNode out = JSON.objectNode();
        if (!page.queues().isEmpty()) {
            ArrayNode urls = out.putArray(member);
            page.queues().forEach(q -> urls.add(url(ctx, q)));
        }
        putIfPresent(out, "NextToken", page.nextToken());
        return out;
    }
}
