package io.wharf.dynamodb.expr;

import java.util.ArrayList;

/**
 * A projection expression's paths, checked as AWS does: reserved words, undefined names, then overlapping and
 * conflicting paths.
 */
final class ProjectionBuilder {
    private static final int RESERVED = 1;
    private static final int UNDEFINED = 2;
    private static final int OVERLAP = 3;
    private static final int CONFLICT = 4;

    private ProjectionBuilder() {
    }

    static Projection parse(String text, Placeholders placeholders) {
        Parsing.checkText(text, false);
        var tree = Parsing.parse("projection", text, DynamoDbExpressionParser::projectionExpression);
        var issues = new Issues();
        var builder = new PathBuilder(placeholders, issues, RESERVED, UNDEFINED);
        var paths = new ArrayList<DocumentPath>();
        for (var path : tree.projectionPath()) {
            paths.add(builder.build(path));
        }
        PathOverlaps.check(paths, issues, OVERLAP, CONFLICT);
        issues.throwIfAny();
        return new PathProjection(paths);
    }
}
