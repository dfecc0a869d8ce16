package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.item.AttributeValue;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.wharf.dynamodb.expr.Items.bs;
import static io.wharf.dynamodb.expr.Items.error;
import static io.wharf.dynamodb.expr.Items.item;
import static io.wharf.dynamodb.expr.Items.l;
import static io.wharf.dynamodb.expr.Items.m;
import static io.wharf.dynamodb.expr.Items.n;
import static io.wharf.dynamodb.expr.Items.ns;
import static io.wharf.dynamodb.expr.Items.s;
import static io.wharf.dynamodb.expr.Items.ss;
import static io.wharf.dynamodb.expr.Items.values;
import static org.assertj.core.api.Assertions.assertThat;

class UpdateExpressionTest {
    static final Map<String, AttributeValue> ITEM = item(
            "pk", s("k"),
            "n", n("10"),
            "str", s("text"),
            "tags", ss("a", "b"),
            "nums", ns("1", "2"),
            "lst", l(s("x0"), s("x1"), s("x2"), s("x3")),
            "doc", m("a", m("b", n("1")), "arr", l(n("1"))));

    static Update parse(String expression, Object... valuesKv) {
        return parse(expression, null, valuesKv);
    }

    static Update parse(String expression, Map<String, String> names, Object... valuesKv) {
        var placeholders = new Placeholders(names, valuesKv.length == 0 ? null : values(valuesKv));
        Update update = Expressions.update(expression, placeholders);
        placeholders.requireAllUsed();
        return update;
    }

    static Map<String, AttributeValue> apply(String expression, Object... valuesKv) {
        return parse(expression, valuesKv).apply(ITEM);
    }

    static String refused(String expression, Object... valuesKv) {
        return error(() -> Expressions.update(expression,
                new Placeholders(Map.of("#a", "a", "#s", "status"), valuesKv.length == 0 ? null : values(valuesKv))));
    }

    static String failsOn(Map<String, AttributeValue> item, String expression, Object... valuesKv) {
        Update update = parse(expression, valuesKv);
        return error(() -> update.apply(item));
    }

    @Test
    void setWritesTopLevelAndNestedPaths() {
        var result = apply("SET str = :v, doc.a.b = :w, doc.c = :v", ":v", s("new"), ":w", n("2"));
        assertThat(result.get("str")).isEqualTo(s("new"));
        assertThat(result.get("doc")).isEqualTo(m("a", m("b", n("2")), "arr", l(n("1")), "c", s("new")));
        assertThat(ITEM.get("str")).isEqualTo(s("text"));
    }

    @Test
    void setComputesEveryValueFromTheOriginalItem() {
        var result = apply("SET n = str, str = n");
        assertThat(result.get("n")).isEqualTo(s("text"));
        assertThat(result.get("str")).isEqualTo(n("10"));
    }

    @Test
    void arithmeticIfNotExistsAndListAppend() {
        assertThat(apply("SET n = n + :one", ":one", n("1")).get("n")).isEqualTo(n("11"));
        assertThat(apply("SET n = n - :one", ":one", n("0.5")).get("n")).isEqualTo(n("9.5"));
        assertThat(apply("SET fresh = :one - n", ":one", n("1")).get("fresh")).isEqualTo(n("-9"));
        assertThat(apply("SET c = if_not_exists(c, :z) + :one", ":z", n("0"), ":one", n("1")).get("c")).isEqualTo(n("1"));
        assertThat(apply("SET n = if_not_exists(n, :z)", ":z", n("0")).get("n")).isEqualTo(n("10"));
        assertThat(apply("SET lst = list_append(lst, :more)", ":more", l(s("x4"))).get("lst"))
                .isEqualTo(l(s("x0"), s("x1"), s("x2"), s("x3"), s("x4")));
        assertThat(apply("SET lst = list_append(:more, lst)", ":more", l(s("first"))).get("lst"))
                .isEqualTo(l(s("first"), s("x0"), s("x1"), s("x2"), s("x3")));
        assertThat(apply("SET l2 = list_append(if_not_exists(l2, :empty), :more)", ":empty", l(), ":more", l(n("1"))).get("l2"))
                .isEqualTo(l(n("1")));
        assertThat(apply("SET n = (n + :one)", ":one", n("1")).get("n")).isEqualTo(n("11"));
    }

    @Test
    void arithmeticKeeps38DigitsAndRefusesMore() {
        var big = "9999999999999999999999999999999999999";
        assertThat(apply("SET n = :a + :b", ":a", n(big), ":b", n("1")).get("n"))
                .isEqualTo(n("10000000000000000000000000000000000000"));
        assertThat(failsOn(ITEM, "SET n = :a + :b", ":a", n("99999999999999999999999999999999999999"), ":b", n("0.1")))
                .isEqualTo("ValidationException: Attempting to store more than 38 significant digits in a Number");
    }

    @Test
    void evaluationErrorsAreAwsTexts() {
        assertThat(failsOn(ITEM, "SET n = str + :one", ":one", n("1")))
                .isEqualTo("ValidationException: An operand in the update expression has an incorrect data type");
        assertThat(failsOn(ITEM, "SET lst = list_append(str, :l)", ":l", l()))
                .isEqualTo("ValidationException: An operand in the update expression has an incorrect data type");
        assertThat(failsOn(ITEM, "SET n = nope + :one", ":one", n("1")))
                .isEqualTo("ValidationException: The provided expression refers to an attribute that does not exist in the item");
        assertThat(failsOn(ITEM, "SET nope.x = :one", ":one", n("1")))
                .isEqualTo("ValidationException: The document path provided in the update expression is invalid for update");
        assertThat(failsOn(ITEM, "SET doc.nope.x = :one", ":one", n("1")))
                .isEqualTo("ValidationException: The document path provided in the update expression is invalid for update");
        assertThat(failsOn(ITEM, "SET str[0] = :one", ":one", n("1")))
                .isEqualTo("ValidationException: The document path provided in the update expression is invalid for update");
        assertThat(failsOn(ITEM, "SET lst.x = :one", ":one", n("1")))
                .isEqualTo("ValidationException: The document path provided in the update expression is invalid for update");
        assertThat(failsOn(ITEM, "ADD str :one", ":one", n("1")))
                .isEqualTo("ValidationException: An operand in the update expression has an incorrect data type");
        assertThat(failsOn(ITEM, "ADD tags :v", ":v", ns("1")))
                .isEqualTo("ValidationException: An operand in the update expression has an incorrect data type");
        assertThat(failsOn(ITEM, "DELETE n :v", ":v", ns("1")))
                .isEqualTo("ValidationException: An operand in the update expression has an incorrect data type");
        assertThat(failsOn(ITEM, "ADD nope.x :one", ":one", n("1")))
                .isEqualTo("ValidationException: The document path provided in the update expression is invalid for update");
    }

    @Test
    void listElementsPastTheEndAppend() {
        assertThat(apply("SET lst[10] = :v", ":v", s("end")).get("lst"))
                .isEqualTo(l(s("x0"), s("x1"), s("x2"), s("x3"), s("end")));
        assertThat(apply("SET lst[1] = :v", ":v", s("one")).get("lst"))
                .isEqualTo(l(s("x0"), s("one"), s("x2"), s("x3")));
        assertThat(apply("SET doc.arr[0] = :v", ":v", s("z")).get("doc"))
                .isEqualTo(m("a", m("b", n("1")), "arr", l(s("z"))));
    }

    @Test
    void severalElementsPastTheEndAppendInIndexOrder() {
        assertThat(apply("SET lst[84] = :a, lst[37] = :b, lst[17] = :c, lst[50] = :d",
                ":a", s("a1"), ":b", s("a2"), ":c", s("a3"), ":d", s("a4")).get("lst"))
                .isEqualTo(l(s("x0"), s("x1"), s("x2"), s("x3"), s("a3"), s("a2"), s("a4"), s("a1")));
        // SET and REMOVE both address the elements by their original positions
        var list = item("pk", s("k"), "a", l(n("2"), n("3"), n("4"), n("5"), n("6"), n("7")));
        assertThat(parse("REMOVE a[1] SET a[3] = :v", ":v", n("17")).apply(list).get("a"))
                .isEqualTo(l(n("2"), n("4"), n("17"), n("6"), n("7")));
        assertThat(parse("SET a[3] = :v REMOVE a[1]", ":v", n("17")).apply(list).get("a"))
                .isEqualTo(l(n("2"), n("4"), n("17"), n("6"), n("7")));
    }

    @Test
    void removeOnAnItemThatDoesNotExistChangesNothing() {
        assertThat(parse("REMOVE x.y, w[0], z").apply(Map.of())).isEmpty();
        assertThat(error(() -> parse("SET x.y = :v", ":v", n("1")).apply(Map.of())))
                .isEqualTo("ValidationException: The document path provided in the update expression is invalid for update");
    }

    @Test
    void removeDeletesAttributesAndShiftsListElements() {
        var result = apply("REMOVE str, lst[1], lst[3], doc.a.b, nope, doc.nope, lst[9]");
        assertThat(result).doesNotContainKey("str");
        assertThat(result.get("lst")).isEqualTo(l(s("x0"), s("x2")));
        assertThat(result.get("doc")).isEqualTo(m("a", m(), "arr", l(n("1"))));
        assertThat(apply("REMOVE lst[0]").get("lst")).isEqualTo(l(s("x1"), s("x2"), s("x3")));
        assertThat(failsOn(ITEM, "REMOVE doc.nope.x"))
                .isEqualTo("ValidationException: The document path provided in the update expression is invalid for update");
        assertThat(failsOn(ITEM, "REMOVE nope.x"))
                .isEqualTo("ValidationException: The document path provided in the update expression is invalid for update");
        assertThat(failsOn(ITEM, "REMOVE str.x"))
                .isEqualTo("ValidationException: The document path provided in the update expression is invalid for update");
    }

    @Test
    void addToNumbersAndSets() {
        assertThat(apply("ADD n :v", ":v", n("-3")).get("n")).isEqualTo(n("7"));
        assertThat(apply("ADD fresh :v", ":v", n("3")).get("fresh")).isEqualTo(n("3"));
        assertThat(apply("ADD tags :v", ":v", ss("b", "c")).get("tags")).isEqualTo(ss("a", "b", "c"));
        assertThat(apply("ADD nums :v", ":v", ns("3")).get("nums")).isEqualTo(ns("1", "2", "3"));
        assertThat(apply("ADD blobs :v", ":v", bs("x")).get("blobs")).isEqualTo(bs("x"));
        assertThat(apply("ADD doc.a.c :v", ":v", n("1")).get("doc")).isEqualTo(m("a", m("b", n("1"), "c", n("1")), "arr", l(n("1"))));
    }

    @Test
    void deleteFromSetsRemovesTheEmptiedAttribute() {
        assertThat(apply("DELETE tags :v", ":v", ss("a", "zz")).get("tags")).isEqualTo(ss("b"));
        assertThat(apply("DELETE tags :v", ":v", ss("a", "b"))).doesNotContainKey("tags");
        assertThat(apply("DELETE nope :v", ":v", ss("a"))).doesNotContainKey("nope");
        assertThat(apply("DELETE nums :v", ":v", ns("2.0")).get("nums")).isEqualTo(ns("1"));
        assertThat(apply("DELETE doc.nope :v", ":v", ss("a")).get("doc")).isEqualTo(ITEM.get("doc"));
        assertThat(failsOn(ITEM, "DELETE nope.x :v", ":v", ss("a")))
                .isEqualTo("ValidationException: The document path provided in the update expression is invalid for update");
    }

    @Test
    void clausesCombineInAnyOrderAndCase() {
        var result = apply("remove str add n :one SET fresh = :one delete tags :t", ":one", n("1"), ":t", ss("a"));
        assertThat(result).doesNotContainKey("str");
        assertThat(result.get("n")).isEqualTo(n("11"));
        assertThat(result.get("fresh")).isEqualTo(n("1"));
        assertThat(result.get("tags")).isEqualTo(ss("b"));
    }

    @Test
    void touchedAndTopLevelTargets() {
        Update update = parse("SET doc.a.b = :v, lst[1] = :v REMOVE str ADD fresh :v", ":v", n("5"));
        assertThat(update.topLevelTargets()).containsExactly("doc", "lst", "str", "fresh");
        assertThat(update.touched(ITEM)).isEqualTo(item(
                "doc", m("a", m("b", n("1"))), "lst", l(s("x1")), "str", s("text")));
        assertThat(update.touched(update.apply(ITEM))).isEqualTo(item(
                "doc", m("a", m("b", n("5"))), "lst", l(n("5")), "fresh", n("5")));
        assertThat(update.touchedAfter(update.apply(ITEM))).isEqualTo(item(
                "doc", m("a", m("b", n("5"))), "lst", l(n("5")), "fresh", n("5")));
        // a removed list element is not answered with the element that took its place
        Update removal = parse("REMOVE lst[1]");
        assertThat(removal.touched(ITEM)).isEqualTo(item("lst", l(s("x1"))));
        assertThat(removal.touchedAfter(removal.apply(ITEM))).isEmpty();
    }

    @Test
    void syntaxErrors() {
        assertThat(refused("SET")).isEqualTo(
                "ValidationException: Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"SET\"");
        assertThat(refused("SET a = :v,", ":v", n("1"))).isEqualTo(
                "ValidationException: Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \",\"");
        assertThat(refused("SET a = :v +", ":v", n("1"))).isEqualTo(
                "ValidationException: Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"+\"");
        assertThat(refused("SET a = a + :v + :v", ":v", n("1"))).isEqualTo(
                "ValidationException: Invalid UpdateExpression: Syntax error; token: \"+\", near: \":v + :v\"");
        assertThat(refused("ADD a b")).isEqualTo(
                "ValidationException: Invalid UpdateExpression: Syntax error; token: \"b\", near: \"a b\"");
        assertThat(refused("")).isEqualTo("ValidationException: Invalid UpdateExpression: The expression can not be empty;");
    }

    @Test
    void checksGiveAwsTexts() {
        assertThat(refused("SET a = :v SET b = :v", ":v", n("1"))).isEqualTo(
                "ValidationException: Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;");
        assertThat(refused("REMOVE a remove b")).isEqualTo(
                "ValidationException: Invalid UpdateExpression: The \"REMOVE\" section can only be used once in an update expression;");
        assertThat(refused("SET status = :v", ":v", n("1"))).isEqualTo(
                "ValidationException: Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status");
        assertThat(refused("SET #x = :v", ":v", n("1"))).isEqualTo("ValidationException: Invalid UpdateExpression: "
                + "An expression attribute name used in the document path is not defined; attribute name: #x");
        assertThat(refused("SET a = :x")).isEqualTo("ValidationException: Invalid UpdateExpression: "
                + "An expression attribute value used in expression is not defined; attribute value: :x");
        assertThat(refused("SET a = :v REMOVE a.b", ":v", n("1"))).isEqualTo("ValidationException: Invalid UpdateExpression: "
                + "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]");
        assertThat(refused("SET #a = :v, a = :v", ":v", n("1"))).isEqualTo("ValidationException: Invalid UpdateExpression: "
                + "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]");
        assertThat(refused("SET a.b = :v, a[0] = :v", ":v", n("1"))).isEqualTo("ValidationException: Invalid UpdateExpression: "
                + "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [0]]");
        assertThat(refused("SET a.b = :v, a.c = :v, l[0] = :v, l[1] = :v", ":v", n("1"))).isEqualTo("no error");
        assertThat(refused("ADD a :v", ":v", s("x"))).isEqualTo("ValidationException: Invalid UpdateExpression: "
                + "Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND");
        assertThat(refused("ADD a :v", ":v", l())).isEqualTo("ValidationException: Invalid UpdateExpression: "
                + "Incorrect operand type for operator or function; operator: ADD, operand type: LIST, typeSet: ALLOWED_FOR_ADD_OPERAND");
        assertThat(refused("DELETE a :v", ":v", n("1"))).isEqualTo("ValidationException: Invalid UpdateExpression: "
                + "Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND");
        assertThat(refused("SET a = foo(b)")).isEqualTo(
                "ValidationException: Invalid UpdateExpression: Invalid function name; function: foo");
        assertThat(refused("SET a = size(b)")).isEqualTo("ValidationException: Invalid UpdateExpression: "
                + "The function is not allowed to be used this way in an expression; function: size");
        assertThat(refused("SET a = if_not_exists(:v, :v)", ":v", n("1"))).isEqualTo("ValidationException: Invalid UpdateExpression: "
                + "Operator or function requires a document path; operator or function: if_not_exists");
        assertThat(refused("SET a = if_not_exists(a)")).isEqualTo("ValidationException: Invalid UpdateExpression: "
                + "Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1");
        assertThat(refused("SET a = list_append(a, :v)", ":v", s("x"))).isEqualTo("ValidationException: Invalid UpdateExpression: "
                + "Incorrect operand type for operator or function; operator or function: list_append, operand type: S");
        assertThat(refused("SET a = a + :v", ":v", s("x"))).isEqualTo("ValidationException: Invalid UpdateExpression: "
                + "Incorrect operand type for operator or function; operator or function: +, operand type: S");
        assertThat(refused("SET #s = :v", ":v", n("1"))).isEqualTo("no error");
        assertThat(refused("SET a = list_append(list_append(:v, :v), :v)", ":v", l())).isEqualTo("ValidationException: Invalid "
                + "UpdateExpression: The function is not allowed to be used this way in an expression; function: list_append");
        assertThat(refused("SET a = if_not_exists(b, if_not_exists(c, :v))", ":v", l())).isEqualTo("no error");
        assertThat(refused("SET a = if_not_exists(if_not_exists(a, :v), :v)", ":v", l())).isEqualTo("ValidationException: "
                + "Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists");
        assertThat(refused("SET a = if_not_exists(:nope, :v)", ":v", l())).isEqualTo("ValidationException: Invalid "
                + "UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :nope");
        assertThat(refused("SET a = LIST_APPEND(:v, :v)", ":v", l())).isEqualTo(
                "ValidationException: Invalid UpdateExpression: Invalid function name; function: LIST_APPEND");
        assertThat(refused("SET c = if_not_exists(c, :v+:v)", ":v", n("1"))).contains("Syntax error; token: \"+\"");
        assertThat(refused("SET in = :v", ":v", n("1"))).isEqualTo(
                "ValidationException: Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: in");
        assertThat(refused("REMOVE a.And")).isEqualTo(
                "ValidationException: Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: And");
    }

    @Test
    void updateFunctionsOnlyInSet() {
        assertThat(refused("REMOVE if_not_exists(a, :v)", ":v", n("1")))
                .startsWith("ValidationException: Invalid UpdateExpression: Syntax error; token: \"(\"");
        assertThat(error(() -> Expressions.condition("list_append(a, :v) = :v",
                new Placeholders(null, values(":v", l()))))).isEqualTo(
                "ValidationException: Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: list_append");
    }
}
