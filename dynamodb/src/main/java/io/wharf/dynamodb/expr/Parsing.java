package io.wharf.dynamodb.expr;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Runs the generated lexer and parser over one expression, stopping at the first syntax error with AWS's text:
 * {@code Syntax error; token: "<offending token>", near: "<the previous token through the next one>"}.
 */
final class Parsing {
    /** AWS's limit on an expression's length (DynamoDB service quotas: "4 KB for any expression string"). */
    static final int MAX_EXPRESSION_BYTES = 4096;
    /** How deep parentheses may nest before the parser would recurse too far for a request thread's stack. */
    static final int MAX_PARENTHESES_DEPTH = 256;

    private Parsing() {
    }

    static DynamoDbExpressionParser parser(String text) {
        var lexer = new DynamoDbExpressionLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        var tokens = new CommonTokenStream(lexer);
        tokens.fill();
        guardDepth(tokens, text);
        var parser = new DynamoDbExpressionParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int position,
                                    String message, RecognitionException e) {
                throw Parsing.syntaxError(tokens, text, (Token) offendingSymbol);
            }
        });
        return parser;
    }

    /** Refuses expressions AWS refuses before parsing: empty ones and those over 4 KB. */
    static void checkText(String text) {
        if (text.isEmpty()) {
            throw new ExpressionFailure("The expression can not be empty;");
        }
        int bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_EXPRESSION_BYTES) {
            throw new ExpressionFailure("Expression size has exceeded the maximum allowed size; expression size: " + bytes);
        }
    }

    private static void guardDepth(CommonTokenStream tokens, String text) {
        int depth = 0;
        for (Token token : tokens.getTokens()) {
            if (token.getType() == DynamoDbExpressionLexer.LPAREN) {
                depth++;
                if (depth > MAX_PARENTHESES_DEPTH) {
                    throw syntaxError(tokens, text, token);
                }
            } else if (token.getType() == DynamoDbExpressionLexer.RPAREN) {
                depth = Math.max(0, depth - 1);
            }
        }
    }

    private static ExpressionFailure syntaxError(CommonTokenStream tokens, String text, Token token) {
        int index = token.getTokenIndex();
        Token previous = index > 0 ? tokens.get(index - 1) : null;
        Token next = token.getType() != Token.EOF && index + 1 < tokens.size() ? tokens.get(index + 1) : null;
        boolean eof = token.getType() == Token.EOF;
        int start = previous != null ? previous.getStartIndex() : eof ? text.length() : token.getStartIndex();
        int end;
        if (next != null && next.getType() != Token.EOF) {
            end = next.getStopIndex() + 1;
        } else if (eof) {
            end = previous != null ? previous.getStopIndex() + 1 : text.length();
        } else {
            end = token.getStopIndex() + 1;
        }
        String tokenText = eof ? "<EOF>" : token.getText();
        return new ExpressionFailure("Syntax error; token: \"" + tokenText + "\", near: \""
                + text.substring(Math.min(start, end), end) + "\"");
    }
}
