/**
 * DynamoDB's expression language: condition and filter, update, projection and key-condition expressions, and the
 * legacy parameters ({@code Expected}, {@code ScanFilter}/{@code QueryFilter}, {@code KeyConditions},
 * {@code AttributeUpdates}, {@code AttributesToGet}) translated into the same trees.
 * <ul>
 *   <li>{@link io.wharf.dynamodb.expr.Expressions} is the entry point; the ANTLR grammar
 *       ({@code src/main/antlr4/.../DynamoDbExpression.g4}) gives the shape, {@code Parsing} runs it (with a small
 *       bounded cache of parse trees) and reports syntax errors as AWS does ({@code Syntax error; token: "…", near:
 *       "…"});</li>
 *   <li>{@code ConditionBuilder}, {@code UpdateBuilder}, {@code ProjectionBuilder} and {@code KeyConditionBuilder}
 *       build the trees and check them in AWS's order ({@code Issues}: of several problems, the earliest pass's);
 *       {@code PathBuilder} resolves document paths, reserved words ({@code ReservedWords}, AWS's list as data in
 *       {@code reserved-words.txt}) and {@link io.wharf.dynamodb.expr.Placeholders}; {@code PathOverlaps} refuses
 *       overlapping and conflicting paths;</li>
 *   <li>{@code ConditionTree} evaluates conditions, {@code UpdatePlan} applies updates, {@code PathProjection}
 *       projects, {@code Values} holds AWS's comparison and size rules;</li>
 *   <li>{@link io.wharf.dynamodb.expr.Legacy} ({@code LegacyComparison}, {@code LegacyUpdate}) translates the
 *       pre-expression parameters.</li>
 * </ul>
 * Messages come without the {@code 1 validation error detected: } prefix some operations add. Go here to change what
 * an expression means or how it is refused; the engine only calls these.
 */
package io.wharf.dynamodb.expr;
