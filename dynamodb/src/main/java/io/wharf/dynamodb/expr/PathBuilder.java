package io.wharf.dynamodb.expr;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;

/**
 * Turns a parsed document path into a {@link DocumentPath}: resolves {@code #name} placeholders (marking them used),
 * and reports bare reserved words, undefined placeholders and paths nested deeper than AWS allows.
 */
final class PathBuilder {
    /** AWS's limit on a document path's depth ("an expression can have up to 32 levels of nesting"). */
    static final int MAX_NESTING_LEVELS = 32;

    private final Placeholders placeholders;
    private final Issues issues;
    private final int reservedRank;
    private final int undefinedRank;

    PathBuilder(Placeholders placeholders, Issues issues, int reservedRank, int undefinedRank) {
        this.placeholders = placeholders;
        this.issues = issues;
        this.reservedRank = reservedRank;
        this.undefinedRank = undefinedRank;
    }

    /** {@code path} is a {@code path} or {@code updatePath} rule: names, {@code .} and {@code [n]}. */
    DocumentPath build(ParserRuleContext path) {
        var steps = new ArrayList<DocumentPath.Step>();
        for (ParseTree child : path.children) {
            if (child instanceof ParserRuleContext name) {
                steps.add(key(name.getText()));
            } else if (child instanceof TerminalNode terminal
                    && terminal.getSymbol().getType() == DynamoDbExpressionLexer.INDEX_NUMBER) {
                steps.add(new DocumentPath.Index(index(terminal.getText())));
            }
        }
        if (steps.size() > MAX_NESTING_LEVELS) {
            issues.report(0, "The document path has too many nesting levels; nesting levels: " + steps.size());
        }
        return new DocumentPath(steps);
    }

    private DocumentPath.Key key(String raw) {
        if (raw.startsWith("#")) {
            String name = placeholders.lookUpName(raw);
            if (name == null) {
                issues.report(undefinedRank,
                        "An expression attribute name used in the document path is not defined; attribute name: " + raw);
            }
            return new DocumentPath.Key(raw, name);
        }
        if (ReservedWords.isReserved(raw)) {
            issues.report(reservedRank, "Attribute name is a reserved keyword; reserved keyword: " + raw);
        }
        return new DocumentPath.Key(raw, raw);
    }

    private static int index(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE; // beyond any list: reads find nothing, writes append
        }
    }
}
