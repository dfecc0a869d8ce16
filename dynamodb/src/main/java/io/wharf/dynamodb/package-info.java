/**
 * Amazon DynamoDB over JSON 1.0 ({@code DynamoDB_20120810.*}): the part of the API that lease managers,
 * checkpointers and coordinators (KCL, lock clients, the enhanced client) use, durable in the store.
 * <ul>
 *   <li>{@code item/}: the attribute value types, their wire form and AWS's size and number rules;</li>
 *   <li>{@code expr/}: the expression language (condition, filter, update, projection, key condition) parsed by
 *       an ANTLR grammar, evaluated over items, and the legacy parameters translated into the same trees;</li>
 *   <li>{@code engine/}: tables, indexes, items, queries, scans and transactions on the store;</li>
 *   <li>{@code operations/}: one class per AWS action.</li>
 * </ul>
 */
package io.wharf.dynamodb;
