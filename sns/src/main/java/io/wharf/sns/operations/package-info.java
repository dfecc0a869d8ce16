/**
 * One class per SNS action: read the decoded {@link io.wharf.protocol.Input}, call the engine, build the output
 * tree. No semantics here; {@link io.wharf.sns.operations.Wire} holds what the actions share.
 */
package io.wharf.sns.operations;
