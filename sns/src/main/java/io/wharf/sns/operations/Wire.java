package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.MessageAttribute;
import io.wharf.sns.SnsErrors;
import io.wharf.sns.engine.Page;
import io.wharf.sns.engine.PublishCommand;
import io.wharf.sns.engine.Subscription;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the actions share: maps, tags, pages and subscriptions as output trees; publish commands from input. */
final class Wire {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Wire() {
    }

    static ObjectNode empty() {
        return JSON.objectNode();
    }

    static ObjectNode attributes(Map<String, String> attributes) {
        ObjectNode out = JSON.objectNode();
        ObjectNode map = out.putObject("Attributes");
        attributes.forEach(map::put);
        return out;
    }

    /** Tags as {@code [{Key, Value}]}; a key twice in one request is refused, as AWS does. */
    static Map<String, String> tags(Input input) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Input tag : input.structs("Tags")) {
            if (tags.put(tag.string("Key"), tag.string("Value") == null ? "" : tag.string("Value")) != null) {
                throw SnsErrors.invalidParameter("Duplicated keys are not allowed.");
            }
        }
        return tags;
    }

    static ObjectNode subscriptions(Page<Subscription> page) {
        ObjectNode out = JSON.objectNode();
        ArrayNode list = out.putArray("Subscriptions");
        for (Subscription s : page.items()) {
            list.addObject().put("SubscriptionArn", s.listedArn()).put("Owner", s.owner())
                    .put("Protocol", s.protocol()).put("Endpoint", s.shownEndpoint()).put("TopicArn", s.topicArn());
        }
        nextToken(out, "NextToken", page.nextToken());
        return out;
    }

    /** Platform applications or endpoints: {@code [{<arnMember>, Attributes}]}. */
    static ObjectNode entities(Page<Map.Entry<String, Map<String, String>>> page, String listMember,
                               String arnMember) {
        ObjectNode out = JSON.objectNode();
        ArrayNode list = out.putArray(listMember);
        for (Map.Entry<String, Map<String, String>> e : page.items()) {
            ObjectNode item = list.addObject().put(arnMember, e.getKey());
            ObjectNode attributes = item.putObject("Attributes");
            e.getValue().forEach(attributes::put);
        }
        nextToken(out, "NextToken", page.nextToken());
        return out;
    }

    static void nextToken(ObjectNode out, String member, String token) {
        if (token != null) {
            out.put(member, token);
        }
    }

    /** A Publish (or a PublishBatch entry, with the batch's TopicArn). */
    static PublishCommand publish(RequestContext ctx, Input input, String topicArn) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        input.structMap("MessageAttributes").forEach((name, value) -> attributes.put(name,
                new MessageAttribute(value.string("DataType"), value.string("StringValue"),
                        value.bytes("BinaryValue"))));
        return new PublishCommand(topicArn, input.string("TargetArn"), input.string("PhoneNumber"),
                input.string("Message"), input.string("Subject"), input.string("MessageStructure"), attributes,
                input.string("MessageGroupId"), input.string("MessageDeduplicationId"),
                urlBase(ctx));
    }

    /** Where this server was reached, {@code http://host:port/}: the base of the URLs SNS puts in messages. */
    static String urlBase(RequestContext ctx) {
        return ctx.scheme() + "://" + ctx.host() + "/";
    }
}
