/**
 * DynamoDB's semantics on the store: tables ({@link io.wharf.dynamodb.engine.DynamoDbEngine}), items and transactions
 * ({@link io.wharf.dynamodb.engine.Items}), queries and scans ({@link io.wharf.dynamodb.engine.Reads}), key rules
 * ({@link io.wharf.dynamodb.engine.Keys}), the on-disk format ({@link io.wharf.dynamodb.engine.DynamoDbStoreLayout})
 * and recovery. Strongly consistent by construction: one lock per table, every change committed before its answer.
 */
package io.wharf.dynamodb.engine;
