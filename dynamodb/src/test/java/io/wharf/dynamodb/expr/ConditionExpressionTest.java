package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.item.AttributeValue;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.wharf.dynamodb.expr.Items.b;
import static io.wharf.dynamodb.expr.Items.bool;
import static io.wharf.dynamodb.expr.Items.bs;
import static io.wharf.dynamodb.expr.Items.error;
import static io.wharf.dynamodb.expr.Items.item;
import static io.wharf.dynamodb.expr.Items.l;
import static io.wharf.dynamodb.expr.Items.m;
import static io.wharf.dynamodb.expr.Items.n;
import static io.wharf.dynamodb.expr.Items.ns;
import static io.wharf.dynamodb.expr.Items.nul;
import static io.wharf.dynamodb.expr.Items.s;
import static io.wharf.dynamodb.expr.Items.ss;
import static io.wharf.dynamodb.expr.Items.values;
import static org.assertj.core.api.Assertions.assertThat;

class ConditionExpressionTest {
    static final Map<String, AttributeValue> ITEM = item(
            "pk", s("k1"),
            "count", n("5"),
            "name", s("hello world"),
            "data", b(1, 2, 3),
            "tags", ss("red", "blue"),
            "scores", ns("1", "2.5"),
            "blobs", bs("x", "y"),
            "lst", l(s("a"), n("2"), m("deep", s("yes"))),
            "map", m("nest", m("leaf", n("7")), "flag", bool(true)),
            "gone", nul(),
            "active", bool(false));

    static boolean test(String expression, Object... valuesKv) {
        return test(expression, null, valuesKv);
    }

    static boolean test(String expression, Map<String, String> names, Object... valuesKv) {
        var placeholders = new Placeholders(names, valuesKv.length == 0 ? null : values(valuesKv));
        Condition condition = Expressions.condition(expression, placeholders);
        placeholders.requireAllUsed();
        return condition.test(ITEM);
    }

    static String refused(String expression, Object... valuesKv) {
        return error(() -> Expressions.condition(expression,
                new Placeholders(Map.of("#n", "name", "#x", "x"), valuesKv.length == 0 ? null : values(valuesKv))));
    }

    @Test
    void comparesNumbersByValueStringsByBytesBinaryUnsigned() {
        assertThat(test("#c = :v", Map.of("#c", "count"), ":v", n("5.0"))).isTrue();
        assertThat(test("#c < :v", Map.of("#c", "count"), ":v", n("10"))).isTrue();
        assertThat(test("#c >= :v", Map.of("#c", "count"), ":v", n("5"))).isTrue();
        assertThat(test("#c > :v", Map.of("#c", "count"), ":v", n("5"))).isFalse();
        assertThat(test("#c <> :v", Map.of("#c", "count"), ":v", n("6"))).isTrue();
        assertThat(test("#n > :v", Map.of("#n", "name"), ":v", s("hello"))).isTrue();
        assertThat(test("#n < :v", Map.of("#n", "name"), ":v", s("hellp"))).isTrue();
        // U+FFFD sorts below U+1F600 in UTF-8 bytes, above it in Java's UTF-16 units
        assertThat(Values.compareStrings("\uFFFD", "\uD83D\uDE00")).isNegative();
        assertThat(test("#d < :v", Map.of("#d", "data"), ":v", b(0x80))).isTrue();
        assertThat(test("#d > :v", Map.of("#d", "data"), ":v", b(1, 2))).isTrue();
    }

    @Test
    void differentTypesAreNeverOrderedNorEqual() {
        assertThat(test("#c = :v", Map.of("#c", "count"), ":v", s("5"))).isFalse();
        assertThat(test("#c < :v", Map.of("#c", "count"), ":v", s("9"))).isFalse();
        assertThat(test("#c >= :v", Map.of("#c", "count"), ":v", s("0"))).isFalse();
        assertThat(test("#c <> :v", Map.of("#c", "count"), ":v", s("5"))).isTrue();
    }

    @Test
    void missingAttributesCompareFalseExceptNotEqual() {
        assertThat(test("absent = :v", ":v", n("1"))).isFalse();
        assertThat(test("absent < :v", ":v", n("1"))).isFalse();
        assertThat(test("absent <> :v", ":v", n("1"))).isTrue();
        assertThat(test("absent BETWEEN :a AND :b", ":a", n("1"), ":b", n("2"))).isFalse();
        assertThat(test("absent IN (:a)", ":a", n("1"))).isFalse();
    }

    @Test
    void setsListsAndMapsCompareByValue() {
        assertThat(test("tags = :v", ":v", ss("blue", "red"))).isTrue();
        assertThat(test("scores = :v", ":v", ns("2.50", "1"))).isTrue();
        assertThat(test("lst[2] = :v", ":v", m("deep", s("yes")))).isTrue();
        assertThat(test("#m.nest = :v", Map.of("#m", "map"), ":v", m("leaf", n("7")))).isTrue();
    }

    @Test
    void documentPathsReachIntoMapsAndLists() {
        assertThat(test("#m.nest.leaf = :v", Map.of("#m", "map"), ":v", n("7"))).isTrue();
        assertThat(test("lst[0] = :v", ":v", s("a"))).isTrue();
        assertThat(test("lst[2].deep = :v", ":v", s("yes"))).isTrue();
        assertThat(test("lst[3] = :v", ":v", s("a"))).isFalse();
        assertThat(test("#m[0] = :v", Map.of("#m", "map"), ":v", s("a"))).isFalse();
        assertThat(test("lst.deep = :v", ":v", s("yes"))).isFalse();
        assertThat(test("#a.#b = :v", Map.of("#a", "map", "#b", "flag"), ":v", bool(true))).isTrue();
    }

    @Test
    void betweenAndIn() {
        assertThat(test("#c BETWEEN :a AND :b", Map.of("#c", "count"), ":a", n("5"), ":b", n("9"))).isTrue();
        assertThat(test("#c BETWEEN :a AND :b", Map.of("#c", "count"), ":a", n("6"), ":b", n("9"))).isFalse();
        assertThat(test("#n between :a and :b", Map.of("#n", "name"), ":a", s("h"), ":b", s("i"))).isTrue();
        assertThat(test("#c IN (:a, :b)", Map.of("#c", "count"), ":a", n("1"), ":b", n("5"))).isTrue();
        assertThat(test("#c in (:a)", Map.of("#c", "count"), ":a", n("1"))).isFalse();
    }

    @Test
    void functions() {
        assertThat(test("attribute_exists(pk)")).isTrue();
        assertThat(test("attribute_not_exists(pk)")).isFalse();
        assertThat(test("attribute_not_exists(nope)")).isTrue();
        assertThat(test("attribute_exists(gone)")).isTrue();
        assertThat(test("attribute_exists(#m.nest.leaf)", Map.of("#m", "map"))).isTrue();
        assertThat(test("attribute_type(tags, :t)", ":t", s("SS"))).isTrue();
        assertThat(test("attribute_type(gone, :t)", ":t", s("NULL"))).isTrue();
        assertThat(test("attribute_type(#c, :t)", Map.of("#c", "count"), ":t", s("S"))).isFalse();
        assertThat(test("begins_with(#n, :p)", Map.of("#n", "name"), ":p", s("hell"))).isTrue();
        assertThat(test("begins_with(#n, :p)", Map.of("#n", "name"), ":p", s("world"))).isFalse();
        assertThat(test("begins_with(#d, :p)", Map.of("#d", "data"), ":p", b(1, 2))).isTrue();
        assertThat(test("contains(#n, :p)", Map.of("#n", "name"), ":p", s("o w"))).isTrue();
        assertThat(test("contains(tags, :p)", ":p", s("red"))).isTrue();
        assertThat(test("contains(tags, :p)", ":p", s("green"))).isFalse();
        assertThat(test("contains(scores, :p)", ":p", n("2.50"))).isTrue();
        assertThat(test("contains(blobs, :p)", ":p", b("y"))).isTrue();
        assertThat(test("contains(#l, :p)", Map.of("#l", "lst"), ":p", n("2"))).isTrue();
        assertThat(test("contains(#d, :p)", Map.of("#d", "data"), ":p", b(2, 3))).isTrue();
        assertThat(test("contains(#c, :p)", Map.of("#c", "count"), ":p", n("5"))).isFalse();
    }

    @Test
    void sizeOfEachType() {
        assertThat(test("size(#n) = :v", Map.of("#n", "name"), ":v", n("11"))).isTrue();
        assertThat(test("size(#d) = :v", Map.of("#d", "data"), ":v", n("3"))).isTrue();
        assertThat(test("size(tags) = :v", ":v", n("2"))).isTrue();
        assertThat(test("size(scores) = :v", ":v", n("2"))).isTrue();
        assertThat(test("size(blobs) = :v", ":v", n("2"))).isTrue();
        assertThat(test("size(#l) = :v", Map.of("#l", "lst"), ":v", n("3"))).isTrue();
        assertThat(test("size(#m) = :v", Map.of("#m", "map"), ":v", n("2"))).isTrue();
        assertThat(test("size(#c) = :v", Map.of("#c", "count"), ":v", n("1"))).isFalse();
        assertThat(test("size(#c) <> :v", Map.of("#c", "count"), ":v", n("1"))).isTrue();
        assertThat(test("size(nope) > :v", ":v", n("0"))).isFalse();
        assertThat(test(":v < size(#n)", Map.of("#n", "name"), ":v", n("3"))).isTrue();
    }

    @Test
    void precedenceIsNotThenAndThenOr() {
        // a OR b AND c = a OR (b AND c)
        assertThat(test("attribute_exists(pk) OR attribute_exists(x) AND attribute_exists(y)")).isTrue();
        assertThat(test("(attribute_exists(pk) OR attribute_exists(x)) AND attribute_exists(y)")).isFalse();
        // NOT a AND b = (NOT a) AND b
        assertThat(test("NOT attribute_exists(x) AND attribute_exists(pk)")).isTrue();
        assertThat(test("NOT (attribute_exists(x) OR attribute_exists(pk))")).isFalse();
        assertThat(test("not attribute_exists(pk) or attribute_exists(pk)")).isTrue();
        assertThat(test("NOT NOT attribute_exists(pk)")).isTrue();
        // BETWEEN's AND is not a conjunction
        assertThat(test("#c BETWEEN :a AND :b AND attribute_exists(x)", Map.of("#c", "count"),
                ":a", n("1"), ":b", n("9"))).isFalse();
    }

    @Test
    void emptyItemMeansNoItem() {
        var placeholders = Placeholders.none();
        assertThat(Expressions.condition("attribute_not_exists(pk)", placeholders).test(Map.of())).isTrue();
        assertThat(Expressions.condition("attribute_exists(pk)", placeholders).test(Map.of())).isFalse();
    }

    @Test
    void syntaxErrorsNameTheTokenAndItsNeighbours() {
        assertThat(refused("a =", ":v", n("1"))).isEqualTo(
                "ValidationException: Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
        assertThat(refused("attribute_not_exists(")).isEqualTo(
                "ValidationException: Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"(\"");
        assertThat(refused("contains (themes, :t", ":t", s("x"))).isEqualTo(
                "ValidationException: Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \":t\"");
        assertThat(refused("user-id = :v", ":v", s("x"))).isEqualTo(
                "ValidationException: Invalid ConditionExpression: Syntax error; token: \"-\", near: \"user-id\"");
        assertThat(refused("foo")).isEqualTo(
                "ValidationException: Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"foo\"");
        assertThat(refused("a = :v :w", ":v", s("x"), ":w", s("y"))).isEqualTo(
                "ValidationException: Invalid ConditionExpression: Syntax error; token: \":w\", near: \":v :w\"");
        assertThat(refused("a @ :v", ":v", s("x"))).isEqualTo(
                "ValidationException: Invalid ConditionExpression: Syntax error; token: \"@\", near: \"a @ :v\"");
        assertThat(refused("")).isEqualTo(
                "ValidationException: Invalid ConditionExpression: The expression can not be empty;");
    }

    @Test
    void filterMessagesNameTheFilter() {
        assertThat(error(() -> Expressions.filter("a =", Placeholders.none()))).isEqualTo(
                "ValidationException: Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(test("#c between :a aNd :b And NoT attribute_exists(x) oR #c In (:a)", Map.of("#c", "count"),
                ":a", n("1"), ":b", n("9"))).isTrue();
    }

    @Test
    void placeholderErrors() {
        assertThat(refused("#nope = :v", ":v", s("x"))).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "An expression attribute name used in the document path is not defined; attribute name: #nope");
        assertThat(refused("#n = :nope", ":v", s("x"))).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "An expression attribute value used in expression is not defined; attribute value: :nope");
        var placeholders = new Placeholders(Map.of("#a", "a", "#b", "b"), values(":v", s("x"), ":w", s("y")));
        Expressions.condition("#a = :v", placeholders);
        assertThat(error(placeholders::requireAllUsed)).isEqualTo(
                "ValidationException: Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
        Expressions.condition("#b = :v", placeholders);
        assertThat(error(placeholders::requireAllUsed)).isEqualTo(
                "ValidationException: Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}");
        assertThat(error(() -> Expressions.condition("a = :v", new Placeholders(Map.of(), null)))).isEqualTo(
                "ValidationException: ExpressionAttributeNames must not be empty");
        assertThat(error(() -> Expressions.condition("a = :v", new Placeholders(null, Map.of())))).isEqualTo(
                "ValidationException: ExpressionAttributeValues must not be empty");
        assertThat(error(() -> Expressions.condition("a = :v", new Placeholders(Map.of("a", "b"), null)))).isEqualTo(
                "ValidationException: ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
        assertThat(error(() -> Expressions.condition("a = :v", new Placeholders(null, values("v", s("x")))))).isEqualTo(
                "ValidationException: ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"");
        assertThat(error(() -> Expressions.condition("a = :v", new Placeholders(Map.of("#", "b"), null)))).isEqualTo(
                "ValidationException: ExpressionAttributeNames contains invalid key: Syntax error; key: \"#\"");
        assertThat(error(() -> Expressions.condition("a = :v", new Placeholders(Map.of("#a-b", "b"), null)))).isEqualTo(
                "ValidationException: ExpressionAttributeNames contains invalid key: Syntax error; key: \"#a-b\"");
        assertThat(error(() -> Expressions.condition("a = :v", new Placeholders(Map.of("#" + "a".repeat(255) + "-x", "b"), null))))
                .isEqualTo("ValidationException: ExpressionAttributeNames contains invalid key: The expression attribute map "
                        + "contains a key that is too long; size of key: 258");
        assertThat(error(() -> Expressions.condition("a = :v", new Placeholders(null, values(":" + "a".repeat(255), s("x"))))))
                .isEqualTo("ValidationException: ExpressionAttributeValues contains invalid key: The expression attribute map "
                        + "contains a key that is too long;");
        assertThat(error(() -> Expressions.condition("#a = :v", new Placeholders(Map.of("#a", ""), null)))).isEqualTo(
                "ValidationException: ExpressionAttributeNames contains invalid value: Empty attribute name for key #a");
        assertThat(error(() -> Expressions.projection("#" + "a".repeat(254), new Placeholders(Map.of("#" + "a".repeat(254), "b"), null))))
                .isEqualTo("no error");
    }

    @Test
    void reservedWordsMustBePlaceheld() {
        assertThat(refused("status = :v", ":v", s("x"))).isEqualTo(
                "ValidationException: Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status");
        assertThat(refused("a.Size = :v", ":v", s("x"))).isEqualTo(
                "ValidationException: Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Size");
        assertThat(refused("attribute_exists(set)")).isEqualTo(
                "ValidationException: Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: set");
        assertThat(ReservedWords.count()).isEqualTo(573);
    }

    @Test
    void functionErrors() {
        assertThat(refused("foo(a)")).isEqualTo(
                "ValidationException: Invalid ConditionExpression: Invalid function name; function: foo");
        assertThat(refused("attribute_exists(a, b)")).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2");
        assertThat(refused("attribute_exists(:v)", ":v", s("x"))).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "Operator or function requires a document path; operator or function: attribute_exists");
        assertThat(refused("begins_with(a, :v)", ":v", n("1"))).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
        assertThat(refused("size(:v) = :v", ":v", bool(true))).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "Incorrect operand type for operator or function; operator or function: size, operand type: BOOL");
        assertThat(refused("attribute_type(a, :v)", ":v", s("STRING"))).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "Invalid attribute type name found; type: STRING, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
        assertThat(refused("attribute_type(a, :v)", ":v", n("1"))).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N");
        assertThat(refused("size(a)")).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "The function is not allowed to be used this way in an expression; function: size");
        assertThat(refused("attribute_exists(a) = :v", ":v", bool(true))).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "The function is not allowed to be used this way in an expression; function: attribute_exists");
        assertThat(refused("contains(attribute_type(a, :v), :v)", ":v", s("S"))).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "The function is not allowed to be used this way in an expression; function: attribute_type");
        assertThat(refused("if_not_exists(a, :v) = :v", ":v", s("S"))).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "The function is not allowed to be used this way in an expression; function: if_not_exists");
        assertThat(refused("size(a, a) = :v", ":v", n("1"))).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "Incorrect number of operands for operator or function; operator or function: size, number of operands: 2");
        // attribute_type's first operand may be a value
        assertThat(test("attribute_type(:v, :t)", ":v", n("0"), ":t", s("N"))).isTrue();
        assertThat(refused("attribute_type(a, b)")).isEqualTo("ValidationException: Invalid ConditionExpression: Incorrect "
                + "operand type for operator or function; operator or function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}");
        assertThat(refused("attribute_exists(:v)", ":v", n("3"))).contains("requires a document path");
        // begins_with takes its operands either way round
        assertThat(test("begins_with(:s, #n)", Map.of("#n", "pk"), ":s", s("k1 and more"))).isTrue();
        assertThat(refused("a = a")).isEqualTo("ValidationException: Invalid ConditionExpression: The first operand must be "
                + "distinct from the remaining operands for this operator or function; operator: =, first operand: [a]");
        assertThat(refused("contains(a.b[1], a.b[1])")).isEqualTo("ValidationException: Invalid ConditionExpression: The first operand must be "
                + "distinct from the remaining operands for this operator or function; operator: contains, first operand: [a, b, [1]]");
    }

    @Test
    void orderingAValueWithoutOrderIsRefusedButAnAttributeWithoutOrderIsFalse() {
        assertThat(refused("a < :v", ":v", l(n("1")))).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "Incorrect operand type for operator or function; operator or function: <, operand type: L");
        assertThat(refused(":v >= a", ":v", ss("x"))).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "Incorrect operand type for operator or function; operator or function: >=, operand type: SS");
        assertThat(refused("a BETWEEN :v AND :w", ":v", bool(true), ":w", bool(true))).isEqualTo("ValidationException: Invalid "
                + "ConditionExpression: Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: BOOL");
        assertThat(refused("a = :v", ":v", l(n("1")))).isEqualTo("no error");
        assertThat(test("lst < :v", ":v", n("1"))).isFalse();
        assertThat(test(":v < lst", ":v", n("1"))).isFalse();
        assertThat(test("absent < elsewhere")).isFalse();
        assertThat(test("absent = elsewhere")).isFalse();
        assertThat(test("absent <> elsewhere")).isTrue();
    }

    @Test
    void betweenBoundsAreChecked() {
        assertThat(refused("a BETWEEN :h AND :l", ":h", n("2"), ":l", n("1"))).isEqualTo(
                "ValidationException: Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than "
                        + "or equal to lower bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}");
        assertThat(refused("a BETWEEN :h AND :l", ":h", n("2"), ":l", s("1"))).isEqualTo(
                "ValidationException: Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and "
                        + "upper bounds; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {S:1}");
    }

    @Test
    void redundantParenthesesAndLimits() {
        assertThat(refused("((a = :v))", ":v", s("x"))).isEqualTo(
                "ValidationException: Invalid ConditionExpression: The expression has redundant parentheses;");
        assertThat(refused("((a)) = :v", ":v", s("x"))).isEqualTo(
                "ValidationException: Invalid ConditionExpression: The expression has redundant parentheses;");
        assertThat(test("(attribute_exists(pk)) AND ((pk) = :v)", ":v", s("k1"))).isTrue();
        var in = new StringBuilder("a IN (");
        var values = new java.util.LinkedHashMap<String, AttributeValue>();
        for (int i = 0; i < 100; i++) {
            in.append(i == 0 ? "" : ", ").append(":v").append(i);
            values.put(":v" + i, n(String.valueOf(i)));
        }
        // 100 operands in all, the tested value included: 99 candidates
        assertThat(error(() -> Expressions.condition(in + ")", new Placeholders(null, values)))).isEqualTo(
                "ValidationException: Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101");
        values.remove(":v99");
        assertThat(Expressions.condition(in.substring(0, in.lastIndexOf(",")) + ")", new Placeholders(null, values))
                .test(item("a", n("98")))).isTrue();
        assertThat(refused("a IN ()")).contains("Syntax error; token: \")\"");
        String many = "a = :v" + " OR a = :v".repeat(149);
        assertThat(refused(many, ":v", s("x"))).isEqualTo("no error");
        assertThat(refused(many + " OR a = :v", ":v", s("x"))).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "The expression contains too many operators; operator count: 301");
        assertThat(refused("size(a) > :v" + " AND size(a) > :v".repeat(100), ":v", n("1"))).isEqualTo(
                "ValidationException: Invalid ConditionExpression: The expression contains too many operators; operator count: 302");
        String deep = "a" + ".b".repeat(32) + " = :v";
        assertThat(refused(deep, ":v", s("x"))).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "The document path has too many nesting levels; nesting levels: 33");
        assertThat(refused("(".repeat(2000) + "a = :v" + ")".repeat(2000), ":v", s("x")))
                .startsWith("ValidationException: Invalid ConditionExpression: Syntax error; token: \"(\"");
        // 4096 bytes of raw text at most; condition and filter messages name the size, the others do not
        String name4096 = "a" + "z".repeat(4095);
        assertThat(error(() -> Expressions.projection(name4096, Placeholders.none()))).isEqualTo("no error");
        assertThat(error(() -> Expressions.projection(name4096 + "z", Placeholders.none()))).isEqualTo(
                "ValidationException: Invalid ProjectionExpression: Expression size has exceeded the maximum allowed size;");
        String tooLong = "attribute_not_exists(" + name4096 + ")";
        assertThat(refused(tooLong)).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "Expression size has exceeded the maximum allowed size; expression size: " + tooLong.length());
        assertThat(error(() -> Expressions.filter(tooLong, Placeholders.none()))).isEqualTo("ValidationException: Invalid "
                + "FilterExpression: Expression size has exceeded the maximum allowed size; expression size: " + tooLong.length());
        assertThat(error(() -> Expressions.update("SET " + name4096 + " = :v", new Placeholders(null, values(":v", n("1"))))))
                .isEqualTo("ValidationException: Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;");
        assertThat(error(() -> Expressions.keyCondition("pk = :v AND " + name4096 + " = :v", new Placeholders(null, values(":v", n("1"))))))
                .isEqualTo("ValidationException: Invalid KeyConditionExpression: Expression size has exceeded the maximum allowed size;");
    }

    @Test
    void errorPassesComeInAwsOrder() {
        // a reserved word and an undefined value: the reserved word is reported
        assertThat(refused("status = :nope")).contains("reserved keyword: status");
        // an unknown function beats a reserved word that comes first
        assertThat(refused("status = :v AND foo(a)", ":v", s("x"))).contains("Invalid function name; function: foo");
    }

    @Test
    void deepNestingWithin4KbParsesOnARequestThread() throws Exception {
        var results = new java.util.ArrayList<String>();
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread thread = Thread.ofVirtual().uncaughtExceptionHandler((t, e) -> failure.set(e)).start(() -> {
            results.add(refused("NOT ".repeat(1014) + "attribute_exists(pk)"));
            results.add(refused("size(".repeat(650) + "a" + ")".repeat(650) + " = :v", ":v", n("1")));
            results.add(refused("NOT (".repeat(255) + "a = :v" + ")".repeat(255), ":v", n("1")));
        });
        thread.join();
        assertThat(failure.get()).isNull();
        assertThat(results).hasSize(3);
        // parsed and built all the way down before the operator count refuses it
        assertThat(results.get(0)).isEqualTo("ValidationException: Invalid ConditionExpression: "
                + "The expression contains too many operators; operator count: 1015");
        assertThat(results.get(1)).startsWith("ValidationException: Invalid ConditionExpression: Syntax error; token: \"(\"");
        assertThat(results.get(2)).isEqualTo("no error");
    }

    @Test
    void topLevelNamesAConditionReads() {
        Condition condition = Expressions.filter("#m.nest.leaf = :v AND (size(lst[0]) > :v OR NOT contains(tags, :v)) "
                + "AND pk BETWEEN :v AND :v AND x IN (:v, y)", new Placeholders(Map.of("#m", "map"), values(":v", n("1"))));
        assertThat(Expressions.topLevelNames(condition)).containsExactly("map", "lst", "tags", "pk", "x", "y");
        assertThat(Expressions.topLevelNames(Condition.ALWAYS)).isEmpty();
        var filter = new java.util.LinkedHashMap<String, Legacy.Comparison>();
        filter.put("a", new Legacy.Comparison("NOT_NULL", null));
        filter.put("b", new Legacy.Comparison("NULL", null));
        assertThat(Expressions.topLevelNames(Legacy.filter(filter, "OR"))).containsExactly("a", "b");
    }

    @Test
    void aCachedParseResolvesEachRequestsOwnPlaceholders() {
        String text = "#x = :v";
        assertThat(Expressions.condition(text, new Placeholders(Map.of("#x", "pk"), values(":v", s("k1")))).test(ITEM)).isTrue();
        assertThat(Expressions.condition(text, new Placeholders(Map.of("#x", "pk"), values(":v", s("k2")))).test(ITEM)).isFalse();
        assertThat(Expressions.condition(text, new Placeholders(Map.of("#x", "gone"), values(":v", nul()))).test(ITEM)).isTrue();
        assertThat(refused("#x = :nope")).contains("attribute value: :nope");
        assertThat(refused("#x = :nope")).contains("attribute value: :nope");
        assertThat(refused("#x = ")).contains("Syntax error");
        assertThat(refused("#x = ")).contains("Syntax error");
    }
}
