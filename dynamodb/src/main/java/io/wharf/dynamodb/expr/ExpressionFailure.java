package io.wharf.dynamodb.expr;

/**
 * A reason an expression is refused, without the {@code Invalid <Kind>Expression: } prefix, which the entry point in
 * {@link Expressions} adds (it knows which parameter it parsed). Never leaves this package.
 */
final class ExpressionFailure extends RuntimeException {
    ExpressionFailure(String reason) {
        super(reason, null, false, false);
    }
}
