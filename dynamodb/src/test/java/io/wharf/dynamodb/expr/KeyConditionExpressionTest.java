package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.expr.KeyCondition.Operator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.wharf.dynamodb.expr.Items.b;
import static io.wharf.dynamodb.expr.Items.error;
import static io.wharf.dynamodb.expr.Items.item;
import static io.wharf.dynamodb.expr.Items.n;
import static io.wharf.dynamodb.expr.Items.s;
import static io.wharf.dynamodb.expr.Items.values;
import static org.assertj.core.api.Assertions.assertThat;

class KeyConditionExpressionTest {
    static final Placeholders VALUES = new Placeholders(Map.of("#p", "pk"),
            values(":p", s("a"), ":s", n("5"), ":t", n("9"), ":x", s("pre")));

    static KeyCondition parse(String expression) {
        return Expressions.keyCondition(expression, VALUES, "pk", "sk");
    }

    static String refused(String expression) {
        return error(() -> parse(expression));
    }

    @Test
    void partitionEqualityAndOneSortCondition() {
        assertThat(parse("pk = :p")).isEqualTo(new KeyCondition("pk", s("a"), null));
        assertThat(parse("#p = :p AND sk < :s").sort()).isEqualTo(new KeyCondition.SortCondition("sk", Operator.LT, List.of(n("5"))));
        assertThat(parse("sk >= :s and pk = :p").sort().operator()).isEqualTo(Operator.GE);
        assertThat(parse(":s > sk AND pk = :p").sort().operator()).isEqualTo(Operator.LT);
        assertThat(parse(":p = pk").partitionValue()).isEqualTo(s("a"));
        assertThat(parse("pk = :p AND sk BETWEEN :s AND :t").sort().operands()).containsExactly(n("5"), n("9"));
        assertThat(parse("pk = :p AND begins_with(sk, :x)").sort().operator()).isEqualTo(Operator.BEGINS_WITH);
        assertThat(parse("(pk = :p) AND (sk = :s)").sort().operator()).isEqualTo(Operator.EQ);
    }

    @Test
    void withoutTheSchemaTheFirstEqualityIsThePartition() {
        assertThat(Expressions.keyCondition("sk > :s AND pk = :p", VALUES).partitionName()).isEqualTo("pk");
        assertThat(Expressions.keyCondition("pk = :p AND sk = :s", VALUES).sort().name()).isEqualTo("sk");
        assertThat(error(() -> Expressions.keyCondition("sk > :s", VALUES)))
                .isEqualTo("ValidationException: Query key condition not supported");
    }

    @Test
    void sortConditionsEvaluate() {
        var between = parse("pk = :p AND sk BETWEEN :s AND :t");
        assertThat(between.test(item("pk", s("a"), "sk", n("5")))).isTrue();
        assertThat(between.test(item("pk", s("a"), "sk", n("9.5")))).isFalse();
        assertThat(between.test(item("pk", s("b"), "sk", n("6")))).isFalse();
        var prefix = Expressions.keyCondition("pk = :p AND begins_with(sk, :x)", VALUES, "pk", "sk");
        assertThat(prefix.test(item("pk", s("a"), "sk", s("prefix")))).isTrue();
        assertThat(prefix.test(item("pk", s("a"), "sk", s("pr")))).isFalse();
        assertThat(prefix.test(item("pk", s("a"), "sk", b("prefix")))).isFalse();
    }

    @Test
    void shapesQueryCannotUse() {
        assertThat(refused("pk = :p OR sk = :s")).isEqualTo("ValidationException: Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR");
        assertThat(refused("NOT pk = :p")).isEqualTo("ValidationException: Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: NOT");
        assertThat(refused("pk IN (:p)")).isEqualTo("ValidationException: Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: IN");
        assertThat(refused("pk <> :p")).isEqualTo("ValidationException: Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: <>");
        assertThat(refused("pk = :p AND attribute_exists(sk)"))
                .isEqualTo("ValidationException: Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: attribute_exists");
        assertThat(refused("pk = :p AND contains(sk, :s)"))
                .isEqualTo("ValidationException: Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: contains");
        assertThat(refused("pk = :p AND size(sk) = :s"))
                .isEqualTo("ValidationException: Invalid KeyConditionExpression: KeyConditionExpressions cannot contain nested operations");
        assertThat(refused("pk = :p AND sk = pk"))
                .isEqualTo("ValidationException: Invalid KeyConditionExpression: Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
        assertThat(refused("pk = :p AND :s = :t"))
                .isEqualTo("ValidationException: Invalid KeyConditionExpression: Invalid condition in KeyConditionExpression: No key attribute specified");
        assertThat(refused("pk.a = :p"))
                .isEqualTo("ValidationException: Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes");
        assertThat(refused("pk = :p AND pk = :p"))
                .isEqualTo("ValidationException: Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key");
        assertThat(refused("pk = :p AND :s BETWEEN sk AND :t")).isEqualTo("ValidationException: Invalid KeyConditionExpression: Invalid condition in "
                + "KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand");
    }

    @Test
    void operandTypesAreCheckedAsInConditions() {
        var values = new Placeholders(null, values(":p", s("q"), ":v", n("1"), ":t", Items.bool(true)));
        assertThat(error(() -> Expressions.keyCondition("pk = :p AND begins_with(sk, :v)", values, "pk", "sk"))).isEqualTo(
                "ValidationException: Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
                        + "operator or function: begins_with, operand type: N");
        assertThat(error(() -> Expressions.keyCondition("pk = :p AND :t >= sk", values, "pk", "sk"))).isEqualTo(
                "ValidationException: Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
                        + "operator or function: >=, operand type: BOOL");
        assertThat(error(() -> Expressions.keyCondition("pk = :p AND sk > :v AND x = :v", values, "pk", "sk"))).isEqualTo(
                "ValidationException: The number of query conditions (3) exceeds the number of key attributes defined in the schema (2)");
    }

    @Test
    void conditionsAgainstTheSchema() {
        assertThat(refused("sk = :s")).isEqualTo("ValidationException: Query condition missed key schema element: pk");
        assertThat(refused("pk = :p AND x = :s")).isEqualTo("ValidationException: Query condition missed key schema element: sk");
        assertThat(refused("pk > :p")).isEqualTo("ValidationException: Query key condition not supported");
        assertThat(refused("begins_with(pk, :x)")).isEqualTo("ValidationException: Query key condition not supported");
        assertThat(error(() -> Expressions.keyCondition("pk = :p AND sk = :s", VALUES, "pk", null))).isEqualTo(
                "ValidationException: The number of query conditions (2) exceeds the number of key attributes defined in the schema (1)");
        assertThat(error(() -> Expressions.keyCondition("pk = :p AND sk = :s", VALUES, "gpk", null)))
                .isEqualTo("ValidationException: Query condition missed key schema element: gpk");
        assertThat(refused("x = :p AND sk = :s")).isEqualTo("ValidationException: Query condition missed key schema element: pk");
        assertThat(refused("pk = :p AND begins_with(x, :x)")).isEqualTo("ValidationException: Query condition missed key schema element: sk");
    }

    @Test
    void expressionErrorsCarryThePrefix() {
        assertThat(refused("pk =")).isEqualTo(
                "ValidationException: Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
        assertThat(refused("pk = :nope")).isEqualTo("ValidationException: Invalid KeyConditionExpression: "
                + "An expression attribute value used in expression is not defined; attribute value: :nope");
    }
}
