package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.item.AttributeValue;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.wharf.dynamodb.expr.Items.error;
import static io.wharf.dynamodb.expr.Items.item;
import static io.wharf.dynamodb.expr.Items.l;
import static io.wharf.dynamodb.expr.Items.m;
import static io.wharf.dynamodb.expr.Items.n;
import static io.wharf.dynamodb.expr.Items.s;
import static org.assertj.core.api.Assertions.assertThat;

class ProjectionExpressionTest {
    static final Map<String, AttributeValue> ITEM = item(
            "pk", s("k"),
            "a", s("x"),
            "lst", l(s("x0"), m("q", n("1"), "r", n("2")), s("x2")),
            "doc", m("b", m("c", n("1"), "d", n("2")), "e", s("y")));

    static Map<String, AttributeValue> project(String expression, Map<String, String> names) {
        var placeholders = new Placeholders(names, null);
        Projection projection = Expressions.projection(expression, placeholders);
        placeholders.requireAllUsed();
        return projection.apply(ITEM);
    }

    @Test
    void topLevelNestedAndListPaths() {
        assertThat(project("pk, a", null)).isEqualTo(item("pk", s("k"), "a", s("x")));
        assertThat(project("doc.b.c, doc.e", null)).isEqualTo(item("doc", m("b", m("c", n("1")), "e", s("y"))));
        assertThat(project("lst[2], lst[0]", null)).isEqualTo(item("lst", l(s("x0"), s("x2"))));
        assertThat(project("lst[1].r", null)).isEqualTo(item("lst", l(m("r", n("2")))));
        assertThat(project("#d.#b", Map.of("#d", "doc", "#b", "b"))).isEqualTo(item("doc", m("b", m("c", n("1"), "d", n("2")))));
    }

    @Test
    void pathsThatReachNothingAreLeftOut() {
        assertThat(project("nope, doc.nope, lst[7], a.b", null)).isEmpty();
        assertThat(project("doc[0]", null)).isEmpty();
        assertThat(project("pk, doc.nope", null)).isEqualTo(item("pk", s("k")));
    }

    @Test
    void topLevelNames() {
        assertThat(Expressions.projection("doc.b, lst[1], pk", Placeholders.none()).topLevelNames())
                .containsExactly("doc", "lst", "pk");
    }

    @Test
    void errorsAreAwsTexts() {
        assertThat(error(() -> Expressions.projection("a, a.b", Placeholders.none()))).isEqualTo(
                "ValidationException: Invalid ProjectionExpression: Two document paths overlap with each other; must remove "
                        + "or rewrite one of these paths; path one: [a], path two: [a, b]");
        assertThat(error(() -> Expressions.projection("a.b, a[1]", Placeholders.none()))).isEqualTo(
                "ValidationException: Invalid ProjectionExpression: Two document paths conflict with each other; must "
                        + "remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]");
        assertThat(error(() -> Expressions.projection("a b", Placeholders.none()))).isEqualTo(
                "ValidationException: Invalid ProjectionExpression: Syntax error; token: \"b\", near: \"a b\"");
        assertThat(error(() -> Expressions.projection("a,", Placeholders.none()))).isEqualTo(
                "ValidationException: Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"");
        assertThat(error(() -> Expressions.projection("user-id", Placeholders.none()))).isEqualTo(
                "ValidationException: Invalid ProjectionExpression: Syntax error; token: \"-\", near: \"user-id\"");
        assertThat(error(() -> Expressions.projection("name", Placeholders.none()))).isEqualTo(
                "ValidationException: Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name");
        assertThat(error(() -> Expressions.projection("#x", Placeholders.none()))).isEqualTo(
                "ValidationException: Invalid ProjectionExpression: An expression attribute name used in the document "
                        + "path is not defined; attribute name: #x");
        assertThat(error(() -> Expressions.projection("a, between", Placeholders.none()))).isEqualTo(
                "ValidationException: Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: between");
        assertThat(error(() -> Expressions.projection("a.SET", Placeholders.none()))).isEqualTo(
                "ValidationException: Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: SET");
        var placeholders = new Placeholders(Map.of("#x", "x", "#y", "y"), null);
        Expressions.projection("#x", placeholders);
        assertThat(error(placeholders::requireAllUsed)).isEqualTo(
                "ValidationException: Value provided in ExpressionAttributeNames unused in expressions: keys: {#y}");
    }
}
