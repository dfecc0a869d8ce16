package io.wharf.dynamodb.expr;

/**
 * The problems a parsed expression has, kept so that the one AWS reports is the one reported: AWS checks an
 * expression in passes (parentheses, function names, misused functions, reserved words, placeholders, operand
 * counts, operand types…), so of several problems the earliest pass's first one wins, not the leftmost.
 */
final class Issues {
    private int rank = Integer.MAX_VALUE;
    private String message;

    /** Records {@code message} unless a problem of the same or an earlier pass is already recorded. */
    void report(int rank, String message) {
        if (rank < this.rank) {
            this.rank = rank;
            this.message = message;
        }
    }

    boolean any() {
        return message != null;
    }

    void throwIfAny() {
        if (message != null) {
            throw new ExpressionFailure(message);
        }
    }
}
