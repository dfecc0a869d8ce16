/**
 * One class per Kinesis action: read the decoded, validated {@link io.wharf.protocol.Input}, call the engine,
 * build the output tree. {@link io.wharf.kinesis.operations.Wire} holds what they share.
 */
package io.wharf.kinesis.operations;
