/**
 * One class per S3 action: read the decoded {@link io.wharf.protocol.Input}, call the engine, build the output tree
 * (headers, status and XML come from the model); {@link io.wharf.s3.operations.Wire} holds what several share,
 * {@link io.wharf.s3.operations.S3Access} what each needs permission for.
 */
package io.wharf.s3.operations;
