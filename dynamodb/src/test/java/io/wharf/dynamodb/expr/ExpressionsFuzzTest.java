package io.wharf.dynamodb.expr;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wharf.dynamodb.DynamoDbErrors;
import io.wharf.dynamodb.item.AttributeValue;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.fuzz.FuzzInput;

import java.util.List;
import java.util.Map;

import static io.wharf.dynamodb.expr.Items.b;
import static io.wharf.dynamodb.expr.Items.bool;
import static io.wharf.dynamodb.expr.Items.item;
import static io.wharf.dynamodb.expr.Items.l;
import static io.wharf.dynamodb.expr.Items.m;
import static io.wharf.dynamodb.expr.Items.n;
import static io.wharf.dynamodb.expr.Items.ns;
import static io.wharf.dynamodb.expr.Items.nul;
import static io.wharf.dynamodb.expr.Items.s;
import static io.wharf.dynamodb.expr.Items.ss;

/**
 * The expression language: any text, as any of the five kinds of expression, is parsed or refused with a
 * ValidationException only (never another exception, a stack overflow or a hang); what parses evaluates over an item
 * with a ValidationException at most (updates) and the same answer twice. Input: the kind ({@code condition},
 * {@code filter}, {@code update}, {@code projection}, {@code key}; anything else picks one), then the expression.
 * Placeholders {@code #a #b #c} and values of every type ({@code :s :n :b :ss :ns :l :m :t :z :e}) are defined.
 */
class ExpressionsFuzzTest {
    static final List<String> KINDS = List.of("condition", "filter", "update", "projection", "key");
    static final Map<String, String> NAMES = Map.of("#a", "a", "#b", "status", "#c", "c.d");
    static final Map<String, AttributeValue> VALUES = Map.of(
            ":s", s("str"), ":n", n("12.5"), ":b", b(1, 2), ":ss", ss("x", "y"), ":ns", ns("1", "2"),
            ":l", l(n("1"), s("x")), ":m", m("k", s("v")), ":t", bool(true), ":z", nul(), ":e", s("S"));
    static final Map<String, AttributeValue> ITEM = item(
            "a", n("5"), "status", s("open"), "c.d", ss("x"), "lst", l(n("1"), m("k", s("v")), l()),
            "doc", m("k", s("v"), "deep", m("n", n("1"))), "blob", b(0xFF), "flag", bool(false));

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"attribute_exists(", "attribute_not_exists(", "attribute_type(", "begins_with(", "contains(",
            "size(", "if_not_exists(", "list_append(", " BETWEEN ", " AND ", " OR ", "NOT ", " IN (", "SET ", "REMOVE ",
            "ADD ", "DELETE ", "<>", "<=", ">=", "#a", "#b", ":s", ":n", ":ss", ":l", ":m", "[0]", ".doc", "lst[1].k"})
    void parseAndEvaluate(byte[] input) {
        List<String> fields = new FuzzInput(input).fields(2);
        String kind = FuzzInput.pick(KINDS, KINDS, fields.get(0));
        String text = fields.get(1);
        var placeholders = new Placeholders(NAMES, VALUES);
        try {
            switch (kind) {
                case "condition", "filter" -> {
                    Condition condition = kind.equals("condition")
                            ? Expressions.condition(text, placeholders) : Expressions.filter(text, placeholders);
                    same(condition.test(ITEM), condition.test(ITEM));
                    condition.test(Map.of());
                }
                case "update" -> {
                    Update update = Expressions.update(text, placeholders);
                    update.topLevelTargets();
                    update.touched(ITEM);
                    try {
                        same(update.apply(ITEM), update.apply(ITEM));
                    } catch (AwsException e) {
                        requireValidation(e);
                    }
                }
                case "projection" -> {
                    Projection projection = Expressions.projection(text, placeholders);
                    same(projection.apply(ITEM), projection.apply(ITEM));
                }
                default -> {
                    Expressions.keyCondition(text, placeholders).test(ITEM);
                    Expressions.keyCondition(text, placeholders, "a", "status").test(ITEM);
                }
            }
        } catch (AwsException e) {
            requireValidation(e);
        }
    }

    private static void requireValidation(AwsException e) {
        if (!DynamoDbErrors.VALIDATION.is(e)) {
            throw new AssertionError("not a ValidationException: " + e.type(), e);
        }
    }

    private static void same(Object first, Object second) {
        if (!first.equals(second)) {
            throw new AssertionError("the same evaluation answered differently: " + first + " / " + second);
        }
    }
}
