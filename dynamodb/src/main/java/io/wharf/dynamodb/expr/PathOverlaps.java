package io.wharf.dynamodb.expr;

import java.util.List;

/**
 * AWS's refusal of update targets or projected paths that overlap ({@code a} and {@code a.b}, or the same path twice)
 * or conflict ({@code a.b} and {@code a[0]}: one treats {@code a} as a map, the other as a list).
 */
final class PathOverlaps {
    private PathOverlaps() {
    }

    static void check(List<DocumentPath> paths, Issues issues, int overlapRank, int conflictRank) {
        for (int j = 1; j < paths.size(); j++) {
            for (int i = 0; i < j; i++) {
                if (compare(paths.get(i), paths.get(j), issues, overlapRank, conflictRank)) {
                    return;
                }
            }
        }
    }

    /** Reports the pair's problem, if any; true when one was found. */
    private static boolean compare(DocumentPath one, DocumentPath two, Issues issues, int overlapRank, int conflictRank) {
        int common = Math.min(one.size(), two.size());
        for (int k = 0; k < common; k++) {
            DocumentPath.Step a = one.step(k);
            DocumentPath.Step b = two.step(k);
            if (a.getClass() != b.getClass()) {
                issues.report(conflictRank, "Two document paths conflict with each other; must remove or rewrite one of "
                        + "these paths; path one: " + one + ", path two: " + two);
                return true;
            }
            if (!same(a, b)) {
                return false;
            }
        }
        issues.report(overlapRank, "Two document paths overlap with each other; must remove or rewrite one of these "
                + "paths; path one: " + one + ", path two: " + two);
        return true;
    }

    private static boolean same(DocumentPath.Step a, DocumentPath.Step b) {
        return switch (a) {
            case DocumentPath.Key key -> key.name() != null && key.name().equals(((DocumentPath.Key) b).name());
            case DocumentPath.Index index -> index.index() == ((DocumentPath.Index) b).index();
        };
    }
}
