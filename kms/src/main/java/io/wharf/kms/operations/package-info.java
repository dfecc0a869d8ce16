/**
 * One class per KMS action: read the validated {@link io.wharf.protocol.Input}, call the engine, build the output
 * tree. {@link io.wharf.kms.operations.Wire} holds the output shapes several actions share;
 * {@link io.wharf.kms.operations.KmsAccess} what each action needs permission for.
 */
package io.wharf.kms.operations;
