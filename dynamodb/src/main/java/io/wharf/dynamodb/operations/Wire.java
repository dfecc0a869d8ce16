package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.DynamoDbErrors;
import io.wharf.dynamodb.engine.IndexSpec;
import io.wharf.dynamodb.engine.KeySchema;
import io.wharf.dynamodb.engine.NewTable;
import io.wharf.dynamodb.engine.TableSettings;
import io.wharf.dynamodb.engine.TableView;
import io.wharf.dynamodb.expr.Condition;
import io.wharf.dynamodb.expr.Expressions;
import io.wharf.dynamodb.expr.Legacy;
import io.wharf.dynamodb.expr.Placeholders;
import io.wharf.dynamodb.expr.Projection;
import io.wharf.dynamodb.item.AttributeValue;
import io.wharf.dynamodb.item.AttributeValues;
import io.wharf.protocol.Input;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the operations share: the TableDescription shape, the request's placeholders and conditions (expression or
 * legacy, never both: AWS's refusal), projections, ReturnValues and ConsumedCapacity.
 */
final class Wire {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Wire() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    // ---------------------------------------------------------------- tables

    static ObjectNode tableDescription(TableView view) {
        TableSettings s = view.settings();
        ObjectNode d = object();
        ArrayNode definitions = d.putArray("AttributeDefinitions");
        s.attributeDefinitions().forEach((name, type) -> definitions.addObject().put("AttributeName", name)
                .put("AttributeType", type));
        d.put("TableName", s.name());
        d.set("KeySchema", keySchema(s.keys()));
        d.put("TableStatus", view.status());
        d.put("CreationDateTime", s.createdMillis());
        d.set("ProvisionedThroughput", throughput(s.readCapacity(), s.writeCapacity()));
        d.put("TableSizeBytes", view.sizeBytes());
        d.put("ItemCount", view.itemCount());
        d.put("TableArn", s.arn());
        d.put("TableId", s.tableId());
        if (s.payPerRequest()) {
            d.putObject("BillingModeSummary").put("BillingMode", "PAY_PER_REQUEST")
                    .put("LastUpdateToPayPerRequestDateTime", s.payPerRequestSinceMillis());
        }
        ArrayNode locals = NODES.arrayNode();
        ArrayNode globals = NODES.arrayNode();
        for (IndexSpec index : s.indexes()) {
            TableView.IndexView iv = view.indexes().get(index.name());
            ObjectNode i = (index.global() ? globals : locals).addObject();
            i.put("IndexName", index.name());
            i.set("KeySchema", keySchema(index.keys()));
            ObjectNode projection = i.putObject("Projection").put("ProjectionType", index.projectionType());
            if (!index.nonKeyAttributes().isEmpty()) {
                ArrayNode names = projection.putArray("NonKeyAttributes");
                index.nonKeyAttributes().forEach(names::add);
            }
            if (index.global()) {
                i.put("IndexStatus", iv == null ? "ACTIVE" : iv.status());
                i.set("ProvisionedThroughput", throughput(index.readCapacity(), index.writeCapacity()));
            }
            i.put("IndexSizeBytes", iv == null ? 0 : iv.sizeBytes());
            i.put("ItemCount", iv == null ? 0 : iv.itemCount());
            i.put("IndexArn", s.arn() + "/index/" + index.name());
        }
        if (!locals.isEmpty()) {
            d.set("LocalSecondaryIndexes", locals);
        }
        if (!globals.isEmpty()) {
            d.set("GlobalSecondaryIndexes", globals);
        }
        if (s.streamEnabled()) {
            d.putObject("StreamSpecification").put("StreamEnabled", true).put("StreamViewType", s.streamViewType());
        }
        if (s.streamLabel() != null) {
            d.put("LatestStreamLabel", s.streamLabel());
            d.put("LatestStreamArn", s.arn() + "/stream/" + s.streamLabel());
        }
        if (s.sseEnabled()) {
            ObjectNode sse = d.putObject("SSEDescription").put("Status", "ENABLED").put("SSEType", s.sseType());
            sse.put("KMSMasterKeyArn", kmsKeyArn(s));
        }
        if (!"STANDARD".equals(s.tableClass())) {
            d.putObject("TableClassSummary").put("TableClass", s.tableClass());
        }
        d.put("DeletionProtectionEnabled", s.deletionProtection());
        return d;
    }

    private static String kmsKeyArn(TableSettings s) {
        String id = s.kmsMasterKeyId();
        if (id != null && id.startsWith("arn:")) {
            return id;
        }
        return "arn:aws:kms:" + s.region() + ":" + s.account() + ":key/"
                + (id == null ? "aws/dynamodb" : id);
    }

    private static ArrayNode keySchema(KeySchema keys) {
        ArrayNode a = NODES.arrayNode();
        a.addObject().put("AttributeName", keys.hashName()).put("KeyType", "HASH");
        if (keys.hasRange()) {
            a.addObject().put("AttributeName", keys.rangeName()).put("KeyType", "RANGE");
        }
        return a;
    }

    private static ObjectNode throughput(long read, long write) {
        return object().put("NumberOfDecreasesToday", 0).put("ReadCapacityUnits", read)
                .put("WriteCapacityUnits", write);
    }

    static List<NewTable.KeyElement> keyElements(Input in, String name) {
        List<NewTable.KeyElement> out = new ArrayList<>();
        for (Input e : in.structs(name)) {
            out.add(new NewTable.KeyElement(e.string("AttributeName"), e.string("KeyType")));
        }
        return out;
    }

    static Map<String, String> attributeDefinitions(Input in) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Input d : in.structs("AttributeDefinitions")) {
            out.put(d.string("AttributeName"), d.string("AttributeType"));
        }
        return out;
    }

    static NewTable.NewIndex newIndex(Input i) {
        Input projection = i.struct("Projection");
        Input throughput = i.struct("ProvisionedThroughput");
        return new NewTable.NewIndex(i.string("IndexName"), keyElements(i, "KeySchema"),
                projection == null ? null : projection.string("ProjectionType"),
                projection == null ? List.of() : projection.strings("NonKeyAttributes"),
                throughput == null ? null : throughput.longValue("ReadCapacityUnits"),
                throughput == null ? null : throughput.longValue("WriteCapacityUnits"));
    }

    static Map<String, String> tags(Input in) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Input t : in.structs("Tags")) {
            out.put(t.string("Key"), t.string("Value"));
        }
        return out;
    }

    // ---------------------------------------------------------------- expressions and legacy parameters

    /** The request's ExpressionAttributeNames and ExpressionAttributeValues (null members when not sent). */
    static Placeholders placeholders(Input in) {
        Map<String, String> names = in.has("ExpressionAttributeNames") ? in.stringMap("ExpressionAttributeNames")
                : null;
        Map<String, AttributeValue> values = in.has("ExpressionAttributeValues")
                ? AttributeValues.itemFromWire(in.tree().get("ExpressionAttributeValues")) : null;
        return new Placeholders(names, values);
    }

    /**
     * AWS's refusals around placeholders once every expression of the request is parsed: names or values without any
     * expression, and names or values no expression used.
     */
    static void finish(Input in, Placeholders placeholders, boolean anyExpression) {
        boolean names = in.has("ExpressionAttributeNames");
        boolean values = in.has("ExpressionAttributeValues");
        if (!anyExpression) {
            if (names) {
                throw DynamoDbErrors.validation("ExpressionAttributeNames can only be specified when using "
                        + "expressions");
            }
            if (values) {
                throw DynamoDbErrors.validation("ExpressionAttributeValues can only be specified when using "
                        + "expressions");
            }
            return;
        }
        if (names || values) {
            placeholders.requireAllUsed();
        }
    }

    /** AWS's refusal to mix legacy parameters and expressions in one request. */
    static void noMixing(Input in, List<String> legacy, List<String> expressions) {
        TreeSet<String> nonExpression = new TreeSet<>();
        TreeSet<String> expression = new TreeSet<>();
        legacy.stream().filter(in::has).forEach(nonExpression::add);
        expressions.stream().filter(in::has).forEach(expression::add);
        if (!nonExpression.isEmpty() && !expression.isEmpty()) {
            throw DynamoDbErrors.validation("Can not use both expression and non-expression parameters in the same "
                    + "request: Non-expression parameters: {" + String.join(", ", nonExpression)
                    + "} Expression parameters: {" + String.join(", ", expression) + "}");
        }
    }

    /** ConditionExpression or Expected (+ ConditionalOperator); null when neither. */
    static Condition condition(Input in, Placeholders placeholders) {
        if (in.has("ConditionExpression")) {
            return Expressions.condition(in.string("ConditionExpression"), placeholders);
        }
        if (in.has("Expected")) {
            Map<String, Legacy.ExpectedAttribute> expected = new LinkedHashMap<>();
            in.structMap("Expected").forEach((name, e) -> expected.put(name, new Legacy.ExpectedAttribute(
                    e.bool("Exists"), e.has("Value") ? AttributeValues.fromWire(e.tree().get("Value")) : null,
                    e.string("ComparisonOperator"), values(e, "AttributeValueList"))));
            return Legacy.expected(expected, in.string("ConditionalOperator"));
        }
        if (in.has("ConditionalOperator")) {
            return Legacy.expected(Map.of(), in.string("ConditionalOperator")); // AWS's refusal of an operator alone
        }
        return null;
    }

    /** FilterExpression or ScanFilter/QueryFilter (+ ConditionalOperator); null when neither. */
    static Condition filter(Input in, Placeholders placeholders, String legacyName) {
        if (in.has("FilterExpression")) {
            return Expressions.filter(in.string("FilterExpression"), placeholders);
        }
        if (in.has(legacyName) || in.has("ConditionalOperator")) {
            return Legacy.filter(comparisons(in, legacyName), in.string("ConditionalOperator"));
        }
        return null;
    }

    static Map<String, Legacy.Comparison> comparisons(Input in, String name) {
        Map<String, Legacy.Comparison> out = new LinkedHashMap<>();
        in.structMap(name).forEach((attribute, c) -> out.put(attribute, new Legacy.Comparison(
                c.string("ComparisonOperator"), values(c, "AttributeValueList"))));
        return out;
    }

    /** A list of attribute values, or null when the member was not sent (the legacy rules tell the two apart). */
    static List<AttributeValue> values(Input in, String name) {
        if (in.tree().get(name) == null) {
            return null;
        }
        List<AttributeValue> out = new ArrayList<>();
        in.tree().get(name).forEach(v -> out.add(AttributeValues.fromWire(v)));
        return out;
    }

    /** ProjectionExpression or AttributesToGet; null when neither (all attributes). */
    static Projection projection(Input in, Placeholders placeholders) {
        if (in.has("ProjectionExpression")) {
            return Expressions.projection(in.string("ProjectionExpression"), placeholders);
        }
        if (in.has("AttributesToGet")) {
            return Legacy.attributesToGet(in.strings("AttributesToGet"));
        }
        return null;
    }

    static Map<String, AttributeValue> item(Input in, String name) {
        return AttributeValues.itemFromWire(in.tree().get(name));
    }

    /** Whether ReturnValuesOnConditionCheckFailure asks for the item. */
    static boolean itemOnFailure(Input in) {
        return "ALL_OLD".equals(in.string("ReturnValuesOnConditionCheckFailure"));
    }

    /** ReturnValues, checked against what the operation allows. */
    static String returnValues(Input in, List<String> allowed) {
        String rv = in.has("ReturnValues") ? in.string("ReturnValues") : "NONE";
        if (!allowed.contains(rv)) {
            throw DynamoDbErrors.validation("Return values set to invalid value");
        }
        return rv;
    }

    // ---------------------------------------------------------------- consumed capacity

    /** Write units: one per KB (rounded up) of the larger of the item before and after, at least one. */
    static double writeUnits(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        long size = Math.max(before == null ? 0 : AttributeValues.size(before),
                after == null ? 0 : AttributeValues.size(after));
        return Math.max(1, (size + 1023) / 1024);
    }

    /** Read units: one per 4 KB (rounded up, at least one) strongly consistent, half that eventually consistent. */
    static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, (bytes + 4095) / 4096);
        return consistent ? units : units / 2;
    }

    /** The ConsumedCapacity member for ReturnConsumedCapacity TOTAL or INDEXES; null for NONE. */
    static ObjectNode consumed(Input in, String table, double units, boolean write) {
        String mode = in.string("ReturnConsumedCapacity");
        if (mode == null || mode.equals("NONE")) {
            return null;
        }
        ObjectNode c = object().put("TableName", io.wharf.dynamodb.engine.DynamoDbEngine.tableName(table))
                .put("CapacityUnits", units);
        c.put(write ? "WriteCapacityUnits" : "ReadCapacityUnits", units);
        if (mode.equals("INDEXES")) {
            c.putObject("Table").put("CapacityUnits", units)
                    .put(write ? "WriteCapacityUnits" : "ReadCapacityUnits", units);
        }
        return c;
    }

    static void setIf(ObjectNode out, String name, com.fasterxml.jackson.databind.JsonNode value) {
        if (value != null) {
            out.set(name, value);
        }
    }

    /** The ContinuousBackupsDescription member. */
    static ObjectNode continuousBackups(TableSettings s) {
        ObjectNode out = object();
        ObjectNode d = out.putObject("ContinuousBackupsDescription").put("ContinuousBackupsStatus", "ENABLED");
        ObjectNode pitr = d.putObject("PointInTimeRecoveryDescription")
                .put("PointInTimeRecoveryStatus", s.pointInTimeRecovery() ? "ENABLED" : "DISABLED");
        if (s.pointInTimeRecovery()) {
            pitr.put("RecoveryPeriodInDays", 35);
        }
        return out;
    }
}
