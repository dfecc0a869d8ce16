package io.wharf.dynamodb.expr;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.wharf.dynamodb.expr.Items.error;
import static io.wharf.dynamodb.expr.Items.n;
import static io.wharf.dynamodb.expr.Items.values;
import static org.assertj.core.api.Assertions.assertThat;

/** Where AWS says a syntax error is: the offending token and the text "near" it, over many malformed updates. */
class SyntaxErrorTest {
    static String syntax(String expression) {
        String message = error(() -> Expressions.update(expression,
                new Placeholders(Map.of("#a", "a"), values(":_val", n("1"), ":val2", n("2"), ":val", n("3")))));
        String prefix = "ValidationException: Invalid UpdateExpression: Syntax error; ";
        assertThat(message).startsWith(prefix);
        return message.substring(prefix.length());
    }

    static String at(String token, String near) {
        return "token: \"" + token + "\", near: \"" + near + "\"";
    }

    @Test
    void literalsAreNotValues() {
        assertThat(syntax("SET attrName = 3")).isEqualTo(at("3", "= 3"));
        assertThat(syntax("SET attrName = 34")).isEqualTo(at("34", "= 34"));
        assertThat(syntax("SET a[0].b = 5")).isEqualTo(at("5", "= 5"));
        assertThat(syntax("SET a [  2 ]. b = 5")).isEqualTo(at("5", "= 5"));
        assertThat(syntax("SET a [2][ 3  ]. b = 5")).isEqualTo(at("5", "= 5"));
        assertThat(syntax("SET #a.a = 5")).isEqualTo(at("5", "= 5"));
        assertThat(syntax("SET 2")).isEqualTo(at("2", "SET 2"));
        assertThat(syntax("2")).isEqualTo(at("2", "2"));
    }

    @Test
    void brackets() {
        assertThat(syntax("SET MyStr[ 3")).isEqualTo(at("<EOF>", "3"));
        assertThat(syntax("SET MyStr[ 3 ")).isEqualTo(at("<EOF>", "3 "));
        assertThat(syntax("SET MyStr[3 )")).isEqualTo(at(")", "3 )"));
        assertThat(syntax("SET MyStr[3)")).isEqualTo(at(")", "3)"));
        assertThat(syntax("SET )")).isEqualTo(at(")", "SET )"));
        assertThat(syntax("SET ) 3")).isEqualTo(at(")", "SET ) 3"));
        assertThat(syntax("SET MyStr = (:_val")).isEqualTo(at("<EOF>", ":_val"));
        assertThat(syntax("SET MyStr = (:_val ")).isEqualTo(at("<EOF>", ":_val "));
        assertThat(syntax("SET MyStr = [:_val")).isEqualTo(at("[", "= [:_val"));
        assertThat(syntax("SET MyStr = [:_val  ")).isEqualTo(at("[", "= [:_val"));
        assertThat(syntax("SET MyStr = (:_val + (:val2")).isEqualTo(at("<EOF>", ":val2"));
        assertThat(syntax("SET MyStr = ):_val")).isEqualTo(at(")", "= ):_val"));
        assertThat(syntax("SET MyStr = ]:_val")).isEqualTo(at("]", "= ]:_val"));
        assertThat(syntax("SET MyStr = ):_val + :val2")).isEqualTo(at(")", "= ):_val"));
        assertThat(syntax("SET a [  [2] ]. b = 5")).isEqualTo(at("[", "[  [2"));
        assertThat(syntax("SET a [2 1]. b = 5")).isEqualTo(at("1", "2 1]"));
    }

    @Test
    void wordsOutOfPlace() {
        assertThat(syntax("RESET NonExistent")).isEqualTo(at("RESET", "RESET NonExistent"));
        assertThat(syntax("RESET NonExistent value")).isEqualTo(at("RESET", "RESET NonExistent"));
        assertThat(syntax("  RESET NonExistent value")).isEqualTo(at("RESET", "  RESET NonExistent"));
        assertThat(syntax("RESET")).isEqualTo(at("RESET", "RESET"));
        assertThat(syntax("SET #a a = 5")).isEqualTo(at("a", "#a a ="));
        assertThat(syntax("SET MyStr = NoExist + + :_val ")).isEqualTo(at("+", "+ + :_val"));
        assertThat(syntax("SET MyStr = NoExist + - :_val ")).isEqualTo(at("-", "+ - :_val"));
        assertThat(syntax("REMOVE NoExist + ")).isEqualTo(at("+", "NoExist + "));
        assertThat(syntax("ADD attr val foobar")).isEqualTo(at("val", "attr val foobar"));
        assertThat(syntax("ADD attr :val foobar")).isEqualTo(at("foobar", ":val foobar"));
        assertThat(syntax("DELETE attr val")).isEqualTo(at("val", "attr val"));
        assertThat(syntax("DELETE attr :val foobar")).isEqualTo(at("foobar", ":val foobar"));
        assertThat(syntax("REMOVE if_not_exists(a,b)")).isEqualTo(at("(", "if_not_exists(a"));
        assertThat(syntax("SET _123 = :val")).isEqualTo(at("_", "SET _123"));
        assertThat(syntax("SET # = :val")).isEqualTo(at("#", "SET # ="));
        assertThat(syntax("SET a = :")).isEqualTo(at(":", "= :"));
    }
}
