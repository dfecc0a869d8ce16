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

    /**
     * How many parse trees {@link #parse} keeps, and of texts how long: clients send the same few short expressions
     * over and over (a cached tree halves the cost of a conditional update's two parses), and the bounds keep what an
     * adversary can pin in memory to a few megabytes.
     */
    static final int CACHED_TREES = 512;
    static final int CACHED_TEXT_CHARS = 256;

    /** Recently parsed trees by rule and text; a parse tree is never changed after parsing, so sharing it is safe. */
    private static final java.util.Map<String, org.antlr.v4.runtime.ParserRuleContext> TREES =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, org.antlr.v4.runtime.ParserRuleContext> eldest) {
                    return size() > CACHED_TREES;
                }
            });

    private Parsing() {
    }

    /**
     * The parse tree of {@code text} under one entry rule ({@code rule} names it in the cache), from the cache when the
     * same text was parsed before; a syntax error is thrown and nothing is cached.
     */
    @SuppressWarnings("unchecked")
    static <T extends org.antlr.v4.runtime.ParserRuleContext> T parse(
            String rule, String text, java.util.function.Function<DynamoDbExpressionParser, T> entry) {
        String key = rule + '\n' + text;
        var cached = TREES.get(key);
        if (cached != null) {
            return (T) cached;
        }
        T tree = entry.apply(parser(text));
        if (text.length() <= CACHED_TEXT_CHARS) {
            TREES.put(key, tree);
        }
        return tree;
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

    /**
     * Refuses expressions AWS refuses before parsing: empty ones and those over 4 KB of raw text (placeholders not
     * substituted). AWS names the size only for condition and filter expressions ({@code withSize}).
     */
    static void checkText(String text, boolean withSize) {
        if (text.isEmpty()) {
            throw new ExpressionFailure("The expression can not be empty;");
        }
        int bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_EXPRESSION_BYTES) {
            throw new ExpressionFailure("Expression size has exceeded the maximum allowed size;"
                    + (withSize ? " expression size: " + bytes : ""));
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

    /**
     * AWS's "near" is the text from the token before the offending one (from the start of the expression when there is
     * none, leading blanks included) through the token after it (through the end of the expression at EOF, trailing
     * blanks included).
     */
    private static ExpressionFailure syntaxError(CommonTokenStream tokens, String text, Token token) {
        int index = token.getTokenIndex();
        boolean eof = token.getType() == Token.EOF;
        Token previous = index > 0 ? tokens.get(index - 1) : null;
        Token next = !eof && index + 1 < tokens.size() ? tokens.get(index + 1) : null;
        int start = previous != null ? previous.getStartIndex() : 0;
        int end = next == null || next.getType() == Token.EOF ? text.length() : next.getStopIndex() + 1;
        String tokenText = eof ? "<EOF>" : token.getText();
        return new ExpressionFailure("Syntax error; token: \"" + tokenText + "\", near: \""
                + text.substring(Math.min(start, end), end) + "\"");
    }
}
