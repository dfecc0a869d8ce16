package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.expr.Legacy.AttributeUpdate;
import io.wharf.dynamodb.expr.Legacy.Comparison;
import io.wharf.dynamodb.expr.Legacy.ExpectedAttribute;
import io.wharf.dynamodb.item.AttributeValue;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.wharf.dynamodb.expr.Items.b;
import static io.wharf.dynamodb.expr.Items.error;
import static io.wharf.dynamodb.expr.Items.item;
import static io.wharf.dynamodb.expr.Items.l;
import static io.wharf.dynamodb.expr.Items.m;
import static io.wharf.dynamodb.expr.Items.n;
import static io.wharf.dynamodb.expr.Items.ns;
import static io.wharf.dynamodb.expr.Items.nul;
import static io.wharf.dynamodb.expr.Items.s;
import static io.wharf.dynamodb.expr.Items.ss;
import static org.assertj.core.api.Assertions.assertThat;

class LegacyTest {
    /** A KCL lease, as its lease table holds it. */
    static final Map<String, AttributeValue> LEASE = item(
            "leaseKey", s("shardId-000000000001"),
            "leaseOwner", s("worker-a"),
            "leaseCounter", n("7"),
            "checkpoint", s("TRIM_HORIZON"),
            "parentShardId", ss("shardId-000000000000"),
            "tags", ss("a", "b"),
            "payload", b("abc"));

    static ExpectedAttribute value(AttributeValue value) {
        return new ExpectedAttribute(null, value, null, null);
    }

    static ExpectedAttribute exists(Boolean exists, AttributeValue value) {
        return new ExpectedAttribute(exists, value, null, null);
    }

    static ExpectedAttribute compare(String operator, AttributeValue... values) {
        return new ExpectedAttribute(null, null, operator, values.length == 0 ? null : Arrays.asList(values));
    }

    static boolean expect(Map<String, ExpectedAttribute> expected, String operator, Map<String, AttributeValue> item) {
        return Legacy.expected(expected, operator).test(item);
    }

    static boolean expect(String attribute, ExpectedAttribute expected) {
        return expect(Map.of(attribute, expected), null, LEASE);
    }

    @Test
    void kclLeaseExpectations() {
        // the lease counter a worker last saw: the update goes through only if nobody renewed in between
        assertThat(expect("leaseCounter", value(n("7")))).isTrue();
        assertThat(expect("leaseCounter", value(n("7.0")))).isTrue();
        assertThat(expect("leaseCounter", value(n("8")))).isFalse();
        assertThat(expect("leaseCounter", exists(true, n("7")))).isTrue();
        // creating a lease only when it does not exist yet
        assertThat(expect("leaseKey", exists(false, null))).isFalse();
        assertThat(Legacy.expected(Map.of("leaseKey", exists(false, null)), null).test(Map.of())).isTrue();
        assertThat(expect("leaseOwner", exists(true, s("worker-b")))).isFalse();
        // a missing attribute never equals a value
        assertThat(Legacy.expected(Map.of("leaseCounter", value(n("7"))), null).test(Map.of())).isFalse();
    }

    @Test
    void comparisonOperators() {
        assertThat(expect("leaseCounter", compare("EQ", n("7")))).isTrue();
        assertThat(expect("leaseCounter", compare("NE", n("7")))).isFalse();
        assertThat(expect("nope", compare("NE", n("7")))).isTrue();
        assertThat(expect("leaseCounter", compare("LT", n("8")))).isTrue();
        assertThat(expect("leaseCounter", compare("LE", n("7")))).isTrue();
        assertThat(expect("leaseCounter", compare("GT", n("7")))).isFalse();
        assertThat(expect("leaseCounter", compare("GE", n("7")))).isTrue();
        assertThat(expect("leaseCounter", compare("GT", s("1")))).isFalse();
        assertThat(expect("leaseOwner", compare("NOT_NULL"))).isTrue();
        assertThat(expect("leaseOwner", compare("NULL"))).isFalse();
        assertThat(expect("nope", compare("NULL"))).isTrue();
        assertThat(expect("nope", compare("NOT_NULL"))).isFalse();
        assertThat(expect("leaseOwner", compare("CONTAINS", s("ker-")))).isTrue();
        assertThat(expect("tags", compare("CONTAINS", s("b")))).isTrue();
        assertThat(expect("tags", compare("NOT_CONTAINS", s("b")))).isFalse();
        assertThat(expect("tags", compare("NOT_CONTAINS", s("z")))).isTrue();
        assertThat(expect("nope", compare("NOT_CONTAINS", s("z")))).isFalse();
        assertThat(expect("payload", compare("BEGINS_WITH", b("ab")))).isTrue();
        assertThat(expect("checkpoint", compare("BEGINS_WITH", s("TRIM")))).isTrue();
        assertThat(expect("leaseCounter", compare("IN", n("1"), n("7")))).isTrue();
        assertThat(expect("leaseCounter", compare("IN", n("1")))).isFalse();
        assertThat(expect("leaseCounter", compare("BETWEEN", n("7"), n("9")))).isTrue();
        assertThat(expect("leaseCounter", compare("BETWEEN", n("8"), n("9")))).isFalse();
        assertThat(expect("leaseOwner", new ExpectedAttribute(null, s("worker-a"), "EQ", null))).isTrue();
    }

    @Test
    void conditionalOperatorCombines() {
        var expected = new LinkedHashMap<String, ExpectedAttribute>();
        expected.put("leaseCounter", value(n("8")));
        expected.put("leaseOwner", value(s("worker-a")));
        assertThat(expect(expected, null, LEASE)).isFalse();
        assertThat(expect(expected, "AND", LEASE)).isFalse();
        assertThat(expect(expected, "OR", LEASE)).isTrue();
        assertThat(Legacy.expected(Map.of(), null).test(LEASE)).isTrue();
        assertThat(error(() -> Legacy.expected(Map.of(), "OR")))
                .isEqualTo("ValidationException: ConditionalOperator cannot be used without Filter or Expected");
        assertThat(error(() -> Legacy.filter(null, "AND")))
                .isEqualTo("ValidationException: ConditionalOperator cannot be used without Filter or Expected");
        assertThat(error(() -> Legacy.expected(Map.of("leaseOwner", value(s("worker-a"))), "AND"))).isEqualTo(
                "ValidationException: ConditionalOperator can only be used when Filter or Expected has two or more elements");
    }

    @Test
    void expectedErrors() {
        assertThat(error(() -> Legacy.expected(Map.of("a", new ExpectedAttribute(true, null, "EQ", List.of(n("1")))), null)))
                .isEqualTo("ValidationException: One or more parameter values were invalid: Exists and ComparisonOperator "
                        + "cannot be used together for Attribute: a");
        assertThat(error(() -> Legacy.expected(Map.of("a", compare("EQ")), null))).isEqualTo("ValidationException: One or "
                + "more parameter values were invalid: Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: a");
        assertThat(error(() -> Legacy.expected(Map.of("a", compare("EQ", n("1"), n("2"))), null))).isEqualTo(
                "ValidationException: One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator");
        assertThat(error(() -> Legacy.expected(Map.of("a", compare("NULL", n("1"))), null))).isEqualTo(
                "ValidationException: One or more parameter values were invalid: Invalid number of argument(s) for the NULL ComparisonOperator");
        assertThat(error(() -> Legacy.expected(Map.of("a", compare("BETWEEN", n("1"))), null))).isEqualTo(
                "ValidationException: One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator");
        assertThat(error(() -> Legacy.expected(Map.of("a", compare("IN", n("1"), s("2"))), null))).isEqualTo(
                "ValidationException: One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type");
        assertThat(error(() -> Legacy.expected(Map.of("a", compare("GT", ss("x"))), null))).isEqualTo(
                "ValidationException: One or more parameter values were invalid: ComparisonOperator GT is not valid for SS AttributeValue type");
        assertThat(error(() -> Legacy.expected(Map.of("a", compare("CONTAINS", l(n("1")))), null))).isEqualTo(
                "ValidationException: One or more parameter values were invalid: ComparisonOperator CONTAINS is not valid for L AttributeValue type");
        assertThat(error(() -> Legacy.expected(Map.of("a", compare("CONTAINS")), null))).isEqualTo("ValidationException: One or "
                + "more parameter values were invalid: Value or AttributeValueList must be used with ComparisonOperator: CONTAINS for Attribute: a");
        assertThat(error(() -> Legacy.expected(Map.of("a", new ExpectedAttribute(null, null, "CONTAINS", List.of())), null)))
                .isEqualTo("ValidationException: One or more parameter values were invalid: Invalid number of argument(s) for the CONTAINS ComparisonOperator");
        assertThat(Legacy.expected(Map.of("a", new ExpectedAttribute(null, null, "NOT_NULL", List.of())), null).test(item("a", nul()))).isTrue();
        assertThat(error(() -> Legacy.expected(Map.of("a", compare("BETWEEN", n("2"), n("1"))), null))).isEqualTo(
                "ValidationException: The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
        assertThat(error(() -> Legacy.expected(Map.of("a", exists(null, null)), null))).isEqualTo(
                "ValidationException: One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: a");
        assertThat(error(() -> Legacy.expected(Map.of("a", exists(true, null)), null))).isEqualTo(
                "ValidationException: One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: a");
        assertThat(error(() -> Legacy.expected(Map.of("a", exists(false, n("1"))), null))).isEqualTo(
                "ValidationException: One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: a");
        assertThat(error(() -> Legacy.expected(Map.of("a", new ExpectedAttribute(null, null, null, List.of(n("1")))), null)))
                .isEqualTo("ValidationException: One or more parameter values were invalid: AttributeValueList can only be "
                        + "used with a ComparisonOperator for Attribute: a");
    }

    @Test
    void scanAndQueryFilters() {
        var filter = new LinkedHashMap<String, Comparison>();
        filter.put("leaseOwner", new Comparison("EQ", List.of(s("worker-b"))));
        filter.put("leaseCounter", new Comparison("GE", List.of(n("5"))));
        assertThat(Legacy.filter(filter, null).test(LEASE)).isFalse();
        assertThat(Legacy.filter(filter, "OR").test(LEASE)).isTrue();
        assertThat(Legacy.filter(filter, "AND").test(LEASE)).isFalse();
        assertThat(Legacy.filter(null, null).test(LEASE)).isTrue();
        assertThat(error(() -> Legacy.filter(Map.of("a", new Comparison("CONTAINS", List.of(l()))), null))).isEqualTo(
                "ValidationException: One or more parameter values were invalid: ComparisonOperator CONTAINS is not valid for L AttributeValue type");
        assertThat(error(() -> Legacy.filter(Map.of("a", new Comparison("GT", List.of(ss("x")))), null))).isEqualTo(
                "ValidationException: One or more parameter values were invalid: ComparisonOperator GT is not valid for SS AttributeValue type");
        assertThat(error(() -> Legacy.filter(Map.of("a", new Comparison("EQ", List.of(m()))), null))).isEqualTo(
                "ValidationException: One or more parameter values were invalid: ComparisonOperator EQ is not valid for M AttributeValue type");
    }

    @Test
    void keyConditions() {
        var conditions = new LinkedHashMap<String, Comparison>();
        conditions.put("sk", new Comparison("BEGINS_WITH", List.of(s("2024-"))));
        conditions.put("pk", new Comparison("EQ", List.of(s("p"))));
        KeyCondition key = Legacy.keyConditions(conditions, "pk");
        assertThat(key.partitionName()).isEqualTo("pk");
        assertThat(key.partitionValue()).isEqualTo(s("p"));
        assertThat(key.sort()).isEqualTo(new KeyCondition.SortCondition("sk", KeyCondition.Operator.BEGINS_WITH, List.of(s("2024-"))));
        assertThat(key.test(item("pk", s("p"), "sk", s("2024-01")))).isTrue();
        assertThat(error(() -> Legacy.keyConditions(Map.of("sk", new Comparison("EQ", List.of(s("x")))), "pk")))
                .isEqualTo("ValidationException: Query condition missed key schema element: pk");
        assertThat(error(() -> Legacy.keyConditions(Map.of("pk", new Comparison("GT", List.of(s("x")))), "pk")))
                .isEqualTo("ValidationException: Query key condition not supported");
        assertThat(error(() -> Legacy.keyConditions(Map.of("pk", new Comparison("EQ", List.of(s("x"))),
                "sk", new Comparison("NOT_NULL", null)), "pk")))
                .isEqualTo("ValidationException: Attempted conditional constraint is not an indexable operation");
        assertThat(error(() -> Legacy.keyConditions(Map.of("pk", new Comparison("EQ", List.of(s("x"))),
                "sk", new Comparison("BETWEEN", List.of(s("a"), s("b"), s("c")))), "pk")))
                .isEqualTo("ValidationException: The attempted filter operation is not supported for the provided filter argument count");
        assertThat(error(() -> Legacy.keyConditions(Map.of(), "pk")))
                .isEqualTo("ValidationException: Conditions can be of length 1 or 2 only");
    }

    @Test
    void attributeUpdatesAsKclSendsThem() {
        var updates = new LinkedHashMap<String, AttributeUpdate>();
        updates.put("leaseOwner", new AttributeUpdate("PUT", s("worker-b")));
        updates.put("leaseCounter", new AttributeUpdate("ADD", n("1")));
        updates.put("checkpoint", new AttributeUpdate(null, s("49590338271490256608559692538361571095921575989136588898")));
        updates.put("parentShardId", new AttributeUpdate("DELETE", null));
        Update update = Legacy.attributeUpdates(updates);
        var after = update.apply(LEASE);
        assertThat(after.get("leaseOwner")).isEqualTo(s("worker-b"));
        assertThat(after.get("leaseCounter")).isEqualTo(n("8"));
        assertThat(after.get("checkpoint")).isEqualTo(s("49590338271490256608559692538361571095921575989136588898"));
        assertThat(after).doesNotContainKey("parentShardId");
        assertThat(update.topLevelTargets()).containsExactly("leaseOwner", "leaseCounter", "checkpoint", "parentShardId");
        assertThat(update.touched(LEASE)).containsOnlyKeys("leaseOwner", "leaseCounter", "checkpoint", "parentShardId");
        assertThat(update.touched(after)).containsOnlyKeys("leaseOwner", "leaseCounter", "checkpoint");
    }

    @Test
    void addAndDeleteRules() {
        assertThat(apply("n", "ADD", n("5"), Map.of()).get("n")).isEqualTo(n("5"));
        assertThat(apply("tags", "ADD", ss("c"), LEASE).get("tags")).isEqualTo(ss("a", "b", "c"));
        assertThat(apply("nums", "ADD", ns("1"), LEASE).get("nums")).isEqualTo(ns("1"));
        assertThat(apply("lst", "ADD", l(n("2")), item("lst", l(n("1")))).get("lst")).isEqualTo(l(n("1"), n("2")));
        assertThat(apply("tags", "DELETE", ss("a"), LEASE).get("tags")).isEqualTo(ss("b"));
        assertThat(apply("tags", "DELETE", ss("a", "b"), LEASE)).doesNotContainKey("tags");
        assertThat(apply("nope", "DELETE", ss("a"), LEASE)).doesNotContainKey("nope");
        assertThat(error(() -> apply("leaseOwner", "ADD", n("1"), LEASE)))
                .isEqualTo("ValidationException: Type mismatch for attribute to update");
        assertThat(error(() -> apply("tags", "DELETE", ns("1"), LEASE)))
                .isEqualTo("ValidationException: Type mismatch for attribute to update");
        assertThat(error(() -> Legacy.attributeUpdates(Map.of("a", new AttributeUpdate("PUT", null))))).isEqualTo(
                "ValidationException: One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified");
        assertThat(error(() -> Legacy.attributeUpdates(Map.of("a", new AttributeUpdate("DELETE", n("1")))))).isEqualTo(
                "ValidationException: One or more parameter values were invalid: DELETE action with value is not supported for the type N");
        assertThat(error(() -> Legacy.attributeUpdates(Map.of("a", new AttributeUpdate("ADD", m()))))).isEqualTo(
                "ValidationException: One or more parameter values were invalid: ADD action is not supported for the type M");
    }

    static Map<String, AttributeValue> apply(String name, String action, AttributeValue value, Map<String, AttributeValue> item) {
        return Legacy.attributeUpdates(Map.of(name, new AttributeUpdate(action, value))).apply(item);
    }

    @Test
    void attributesToGet() {
        Projection projection = Legacy.attributesToGet(List.of("leaseKey", "leaseOwner", "nope"));
        assertThat(projection.apply(LEASE)).isEqualTo(item("leaseKey", s("shardId-000000000001"), "leaseOwner", s("worker-a")));
        assertThat(projection.topLevelNames()).containsExactly("leaseKey", "leaseOwner", "nope");
    }
}
