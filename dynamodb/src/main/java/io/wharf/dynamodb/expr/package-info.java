/**
 * DynamoDB's expression language: condition and filter, update, projection and key-condition expressions, and the
 * legacy parameters ({@code Expected}, {@code ScanFilter}/{@code QueryFilter}, {@code KeyConditions},
 * {@code AttributeUpdates}, {@code AttributesToGet}) translated into the same trees.
 * <ul>
 *   <li>{@link io.wharf.dynamodb.expr.Expressions} is the entry point; the ANTLR grammar
 *       ({@code src/main/antlr4/.../DynamoDbExpression.g4}) gives the shape, {@code Parsing} reports syntax errors
 *       as AWS does ({@code Syntax error; token: "…", near: "…"});</li>
 *   <li>{@code ConditionBuilder} / {@code UpdateBuilder} build the trees and check them in AWS's order
 *       ({@code Issues}); {@code PathBuilder} resolves document paths, reserved words ({@code ReservedWords},
 *       AWS's list as data in {@code reserved-words.txt}) and {@link io.wharf.dynamodb.expr.Placeholders};</li>
 *   <li>{@code ConditionTree} evaluates conditions, {@code Values} holds AWS's comparison and size rules;</li>
 *   <li>{@link io.wharf.dynamodb.expr.Legacy} translates the pre-expression parameters.</li>
 * </ul>
 * Go here to change what an expression means or how it is refused; the engine only calls these.
 */
package io.wharf.dynamodb.expr;
